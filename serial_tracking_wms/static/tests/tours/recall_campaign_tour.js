/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

/** Ask the test for a screenshot (see tests/screenshots.py). */
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

/** Inventory > Products > Recall Campaigns, then the open recall. */
function openRecall() {
    return [
        {
            content: "Inventory > Products",
            trigger: ".o_menu_sections button:contains(Products)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains(Recall Campaigns)",
            run: "click",
        },
        {
            content: "the recall the manager opened",
            trigger: ".o_list_view .o_data_row:contains(Battery may overheat) .o_data_cell[name=name]",
            run: "click",
        },
        { trigger: ".o_form_view .o_statusbar_status [aria-checked=true]:contains(Open)" },
    ];
}

const units = ".o_field_widget[name=line_ids] .o_data_row";

registry.category("web_tour.tours").add("serial_tracking_wms_recall_campaign", {
    steps: () => [
        ...openRecall(),
        { trigger: `${units}:contains(SN-RC-0001):contains(Contoso Retail):contains(To Notify)` },
        { trigger: `${units}:contains(SN-RC-0003):contains(In Stock)` },
        { trigger: ".o_form_view .oe_stat_button:contains(Still in the Field):contains(2)" },
        shot("views-7-recall-campaign", `${units}:contains(SN-RC-0002)`),
    ],
});

registry.category("web_tour.tours").add("serial_tracking_wms_recall_campaign_return", {
    steps: () => [
        {
            content: "validate the return of SN-RC-0001",
            trigger: ".o_form_view .o_statusbar_buttons button[name=button_validate]",
            run: "click",
        },
        { trigger: ".o_form_view .o_statusbar_status [aria-checked=true]:contains(Done)" },
        { content: "the apps menu", trigger: ".o_navbar_apps_menu button", run: "click" },
        {
            content: "Inventory",
            trigger: ".o-dropdown--menu .o_app[data-menu-xmlid='stock.menu_stock_root']",
            run: "click",
        },
        ...openRecall(),
        { trigger: `${units}:contains(SN-RC-0001):contains(Returned)` },
        { trigger: `${units}:contains(SN-RC-0002):contains(To Notify)` },
        { trigger: ".o_form_view .oe_stat_button:contains(Still in the Field):contains(1)" },
    ],
});
