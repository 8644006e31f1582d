/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

/**
 * Ask the test (Python side) for a screenshot of the page as it is now; the
 * test saves it under docs/screenshots/ when the run asks for screenshots.
 */
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

/** Search ``text`` in the search view field labelled ``field``. */
function search(field, text) {
    return [
        { content: `search ${text}`, trigger: ".o_searchview_input", run: `edit ${text}` },
        {
            content: `in ${field}`,
            trigger: `.o_searchview_autocomplete .o_menu_item:contains(Search ${field})`,
            run: "click",
        },
        { trigger: `.o_searchview_facet:contains(${text})` },
    ];
}

registry.category("web_tour.tours").add("serial_tracking_wms_stock_list", {
    steps: () => [
        ...search("Warehouse", "Serial Test Warehouse"),
        { trigger: ".o_list_view .o_data_row:contains(SN-LT-0003)" },
        { trigger: ".o_list_view .o_data_row:contains(Cable):contains(No Tracking)" },
        {
            trigger: ".o_list_view .o_data_row:contains(Earbuds):contains(Track During Pick)",
        },
        shot("views-1-stock-list", ".o_list_view .o_data_row:contains(SN-LT-0002)"),
        {
            content: "open a laptop line on its Serial Numbers tab",
            trigger:
                ".o_list_view .o_data_row:contains(SN-LT-0003) button[name=action_wms_serial_numbers]",
            run: "click",
        },
        { trigger: ".o_notebook .nav-link.active:contains(Serial Numbers)" },
        { trigger: ".o_field_widget[name=wms_serial_quant_ids] .o_data_row:contains(SN-LT-0004)" },
        shot(
            "views-2-serial-tab",
            ".o_field_widget[name=wms_serial_quant_ids] .o_data_row:contains(Contoso Supply)"
        ),
        {
            content: "all its serial numbers, as a list",
            trigger: ".o_form_view button.oe_stat_button[name=action_wms_serial_quants]",
            run: "click",
        },
        { trigger: ".o_list_view .o_data_row:contains(SN-LT-0005):contains(Contoso Supply)" },
    ],
});

registry.category("web_tour.tours").add("serial_tracking_wms_transactions", {
    steps: () => [
        ...search("Lot/Serial Number", "SN-"),
        { trigger: ".o_list_view .o_data_row:contains(SN-EB-0001):contains(Delivered)" },
        { trigger: ".o_list_view .o_data_row:contains(SN-LT-0002):contains(Returned)" },
        shot("views-3-transactions", ".o_list_view .o_data_row:contains(SN-LT-0001)"),
    ],
});

registry.category("web_tour.tours").add("serial_tracking_wms_recall", {
    steps: () => [
        {
            content: "Inventory > Products",
            trigger: ".o_menu_sections button:contains(Products)",
            run: "click",
        },
        {
            trigger: ".o-dropdown--menu .dropdown-item:contains(Serial Number Recall)",
            run: "click",
        },
        {
            content: "recall a range",
            trigger: ".modal .o_field_widget[name=input_method] input[data-value=range]",
            run: "click",
        },
        { trigger: ".modal .o_field_widget[name=range_first] input", run: "edit SN-LT-0001" },
        { trigger: ".modal .o_field_widget[name=range_count] input", run: "edit 5" },
        { content: "leave the field: the wizard checks the range", trigger: ".modal .modal-title", run: "click" },
        { trigger: ".modal .o_field_widget[name=serial_count]:contains(5)" },
        { trigger: ".modal button[name=action_find]", run: "click" },
        { trigger: ".o_list_view .o_data_row:contains(SN-LT-0002):contains(Contoso Retail)" },
        { trigger: ".o_list_view .o_data_row:contains(SN-LT-0001):contains(Contoso Retail)" },
        { trigger: ".o_control_panel button[name=action_wms_export_xlsx]" },
        shot("views-4-recall", ".o_list_view .o_data_row:contains(buyer@contoso.example.com)"),
    ],
});

registry.category("web_tour.tours").add("serial_tracking_wms_serial_valuation", {
    steps: () => [
        ...search("Serial Number", "SN-SRV"),
        {
            trigger:
                ".o_list_view .o_data_row:contains(SN-SRV-0003):contains(Per Serial):contains(Contoso Retail)",
        },
        { trigger: ".o_list_view .o_data_row:contains(SN-SRV-0001):contains(1,200.00)" },
        shot("views-5-serial-valuation", ".o_list_view .o_data_row:contains(SN-SRV-0002)"),
        { content: "the same as a pivot", trigger: ".o_switch_view.o_pivot", run: "click" },
        { trigger: ".o_pivot th:contains(Server)" },
        shot("views-6-serial-valuation-pivot", ".o_pivot td:contains(2,400.00)"),
    ],
});
