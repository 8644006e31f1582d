/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

/** Ask the test for a screenshot of the page as it is now (see views_tours.js). */
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

/** Open Inventory > ``section`` > ``entry``. */
function menu(section, entry) {
    return [
        {
            content: `Inventory > ${section}`,
            trigger: `.o_menu_sections button:contains(${section})`,
            run: "click",
        },
        {
            content: `${section} > ${entry}`,
            trigger: `.o-dropdown--menu .dropdown-item:contains(${entry})`,
            run: "click",
        },
    ];
}

/* An Inventory manager walks the demo's story: the Lookup of the returned
 * LAP-0002, a recall of LAP-0001..0003 (two customers, the returned unit
 * back in stock). */
registry.category("web_tour.tours").add("serial_tracking_wms_demo_story", {
    steps: () => [
        ...menu("Reporting", "Serial Number Lookup"),
        { trigger: ".modal .o_field_widget[name=serial] input", run: "edit LAP-0002" },
        { content: "leave the field: the lookup runs", trigger: ".modal .modal-title", run: "click" },
        { trigger: ".modal:contains(Northwind Retail)" },
        shot("demo-1-lookup-returned", ".modal:contains(LAP-0002)"),
        { trigger: ".modal-footer button:contains(Close)", run: "click" },
        { trigger: "body:not(:has(.modal))" },

        ...menu("Reporting", "Serial Number Recall"),
        {
            trigger: ".modal .o_field_widget[name=serials_text] textarea",
            run: (helpers) => helpers.edit("LAP-0001\nLAP-0002\nLAP-0003"),
        },
        { content: "leave the field: the wizard checks the list", trigger: ".modal .modal-title", run: "click" },
        { trigger: ".modal .o_field_widget[name=serial_count]:contains(3)" },
        { trigger: ".modal button[name=action_find]", run: "click" },
        { trigger: ".o_list_view .o_data_row:contains(LAP-0001):contains(Northwind Retail)" },
        { trigger: ".o_list_view .o_data_row:contains(LAP-0003):contains(Bluebird Offices)" },
        shot("demo-2-recall", ".o_list_view .o_data_row:contains(LAP-0002):contains(Northwind Retail)"),
    ],
});

/* Laptop 14" (opened from Inventory > Products > Products) to No Tracking: the
 * form warns at once, Save is refused with the documents and what to do. */
registry.category("web_tour.tours").add("serial_tracking_wms_demo_mode_refused", {
    steps: () => [
        { trigger: ".o_breadcrumb:contains(Laptop 14)" },
        { trigger: ".o_form_view .o_field_widget[name=serial_tracking_mode] select", run: 'select "none"' },
        { content: "the form says at once that Save will be refused", trigger: ".modal:contains(cannot be set to No Tracking)" },
        { trigger: ".modal-footer .btn-primary", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { trigger: ".o_form_button_save", run: "click" },
        { trigger: ".modal:contains(expected serial numbers are still open)" },
        shot("demo-3-mode-change-refused", ".modal:contains(serial numbers are on hand)"),
        { trigger: ".modal-footer .btn-primary", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { content: "discard the change", trigger: ".o_form_button_cancel", run: "click" },
    ],
});

/* Inventory's settings: the suite's block, with Odoo's Consignment and
 * Valuation switches and the default setting for new products. */
registry.category("web_tour.tours").add("serial_tracking_wms_settings", {
    steps: () => [
        { trigger: ".o_settings_container:has(#wms_serial_tracking_modes)" },
        { trigger: "h2:contains(Serial Number Tracking)" },
        { trigger: "#wms_account_transfer .o_field_widget[name=group_stock_tracking_owner]" },
        { trigger: "#wms_serial_valuation .o_field_widget[name=module_stock_account]" },
        {
            content: "Valuation: the hint when it is off, the switch on when installed",
            trigger:
                "#wms_serial_valuation:contains(Valuation is not installed), " +
                "#wms_serial_valuation:has([name=module_stock_account] input:checked)",
        },
        {
            content: "scroll to the block",
            trigger: "h2:contains(Serial Number Tracking)",
            run: function () {
                this.anchor.scrollIntoView({ block: "start" });
            },
        },
        shot("demo-4-settings", "#wms_serial_reports button:contains(Serial Number Recall)"),
    ],
});
