/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

function shot(name, trigger) {
    return {
        content: `screenshot ${name}`,
        trigger,
        run: async () => {
            console.log(`wms-screenshot:${name}`);
            await new Promise((resolve) => setTimeout(resolve, 700));
        },
    };
}

// An Inventory manager counts a serial the books put at a customer: the preview says
// where it was and by which delivery, and Apply brings it back as a return.
registry.category("web_tour.tours").add("serial_tracking_wms_count_brings_back", {
    steps: () => [
        {
            content: "Inventory > Operations",
            trigger: ".o_menu_sections button:contains(Operations)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains(Count Serial Numbers)",
            run: "click",
        },
        {
            content: "the product counted",
            trigger: ".modal .o_field_widget[name=product_id] input",
            run: "edit Laptop Counted",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains(Laptop Counted)",
            run: "click",
        },
        { content: "chosen", trigger: ".modal:not(:has(.o-autocomplete--dropdown-menu))" },
        {
            content: "the serial found on the shelf",
            trigger: ".modal .o_field_widget[name=serials_text] textarea",
            run: "edit SN-CB-0001",
        },
        { content: "leave the field: the dialog checks the count", trigger: ".modal .modal-title", run: "click" },
        {
            trigger: ".modal .o_field_widget[name=check_result]:contains(SN-CB-0001: the books put it at Partners/Customers)",
        },
        { trigger: ".modal .o_field_widget[name=returned_count]:contains(1)" },
        shot("count-1-brings-back", ".modal .o_field_widget[name=check_result]:contains(as a return)"),
        { trigger: ".modal button[name=action_apply]", run: "click" },
        {
            content: "confirm",
            trigger: ".modal-footer .btn-primary:contains(Ok)",
            run: "click",
        },
        { trigger: ".o_notification:contains(1 brought back)" },
    ],
});

// The same serial looked up afterwards, typed in lower case and a digit short: the closest
// serial is offered; looked up, its story is on the first tab.
registry.category("web_tour.tours").add("serial_tracking_wms_lookup_story", {
    steps: () => [
        {
            content: "the product's Serial Number Lookup",
            trigger: ".o_form_view .o_statusbar_buttons button:contains(Lookup)",
            run: "click",
        },
        {
            content: "a digit short: unknown",
            trigger: ".modal .o_field_widget[name=serial] input",
            run: "edit sn-cb-001",
        },
        { content: "leave the field: the dialog looks it up", trigger: ".modal .modal-title", run: "click" },
        { trigger: ".modal .alert:contains(Serial number sn-cb-001 is unknown. Closest: SN-CB-0001)" },
        shot("lookup-1-closest", ".modal .o_field_widget[name=suggestion_ids] .o_data_row:contains(SN-CB-0001)"),
        {
            content: "look up the closest",
            trigger: ".modal .o_field_widget[name=suggestion_ids] .o_data_row:contains(SN-CB-0001) button[name=action_wms_serial_lookup]",
            run: "click",
        },
        { trigger: ".modal .o_wms_serial_story tr:contains(Announced)" },
        { trigger: ".modal .o_wms_serial_story tr:contains(Delivered):contains(Test Customer)" },
        { trigger: ".modal .o_wms_serial_story tr:contains(Returned)" },
        shot("lookup-2-story", ".modal .o_wms_serial_story tr:contains(Received)"),
        {
            content: "close the lookup (it took the place of the first one)",
            trigger: ".modal-footer button:contains(Close)",
            run: "click",
        },
        { trigger: "body:not(:has(.modal))" },
    ],
});
