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

/** Open Inventory > Products > ``entry`` (where stock users find the serial views);
 * with ``screenshot``, take one of the open menu. */
function productsMenu(entry, screenshot) {
    const item = `.o-dropdown--menu .dropdown-item:contains(${entry})`;
    return [
        {
            content: "Inventory > Products",
            trigger: ".o_menu_sections button:contains(Products)",
            run: "click",
        },
        ...(screenshot ? [shot(screenshot, item)] : []),
        { content: `Products > ${entry}`, trigger: item, run: "click" },
        { trigger: `.o_breadcrumb .active:contains(${entry})` },
    ];
}

registry.category("web_tour.tours").add("serial_tracking_wms_stock_list", {
    steps: () => [
        ...productsMenu("Stock List", "desktop-7-products-menu"),
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
        ...productsMenu("Transactions with Serial Numbers"),
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

/** Steps typing ``serial`` into the Lot/Serial Number cell of row ``row`` (1: the
 * first) of the open Details dialog, then leaving the cell (the row is saved
 * in the dialog, its onchange runs). */
function typeSerial(row, serial, { refused = false } = {}) {
    const cell = `.modal .o_field_widget[name=move_line_ids] .o_data_row:nth-child(${row}) .o_data_cell[name=lot_name]`;
    return [
        { content: `line ${row}: the serial number`, trigger: cell, run: "click" },
        { trigger: `${cell} input`, run: `edit ${serial}` },
        { content: "leave the line", trigger: ".modal .modal-title", run: "click" },
        ...(refused ? [] : [{ trigger: `${cell}:contains(${serial})` }]),
    ];
}

/** Open the Details dialog of the transfer's line of ``product``. */
function openDetails(product) {
    return [
        {
            content: `the details of the ${product} line`,
            trigger: `.o_field_widget[name=move_ids_without_package] .o_data_row:contains(${product}) button[name='Open Move']`,
            run: "click",
        },
        { trigger: ".modal .o_field_widget[name=move_line_ids] .o_data_row" },
    ];
}

/** Save the open Details dialog, validate the transfer, wait until it is done. */
function saveAndValidate() {
    return [
        { content: "save the details", trigger: ".modal .modal-footer button:contains(Save)", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        { content: "validate", trigger: ".o_form_view button[name=button_validate]", run: "click" },
        { trigger: ".o_statusbar_status .o_arrow_button_current:contains(Done)" },
    ];
}

// A pick task's Track During Pick line, on the desktop: a serial typed per unit in
// its detailed operations, a refused one reported at once.
registry.category("web_tour.tours").add("serial_tracking_wms_pick_typed_serials", {
    steps: () => [
        ...openDetails("Earbuds"),
        { trigger: ".modal .o_field_widget[name=move_line_ids] .o_data_row:nth-child(2)" },
        ...typeSerial(1, "SN-EB-GONE", { refused: true }),
        {
            content: "refused at once, with the reason",
            trigger:
                ".modal:contains(Serial number refused) .modal-body:contains(SN-EB-GONE of Earbuds was delivered by)",
        },
        shot("desktop-5-pick-serial-refused", ".modal-body:contains(has not been returned)"),
        {
            trigger: ".modal:contains(Serial number refused) .modal-footer button",
            run: "click",
        },
        { trigger: "body:not(:has(.modal:contains(Serial number refused)))" },
        ...typeSerial(1, "SN-EB-0101"),
        ...typeSerial(2, "SN-EB-0102"),
        shot(
            "desktop-4-pick-typed-serials",
            ".modal .o_data_row:nth-child(2) .o_data_cell[name=lot_name]:contains(SN-EB-0102)"
        ),
        ...saveAndValidate(),
        shot("desktop-6-pick-done", ".o_form_view .o_data_row:contains(Earbuds)"),
    ],
});

const PO_SERIALS = "SN-PO-0001\nSN-PO-0002\nSN-PO-0003";

// A receipt made from a purchase order (confirmed at once): the stock user enters the
// vendor's serial list, then receives the goods with Odoo's Import Serials.
registry.category("web_tour.tours").add("serial_tracking_wms_purchase_receipt", {
    steps: () => [
        {
            content: "Edit Serial Numbers on the laptop line",
            trigger:
                ".o_field_widget[name=move_ids_without_package] .o_data_row:contains(Laptop) button[name=action_wms_edit_expected_serials]",
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name=serials_text] textarea",
            run: (helpers) => helpers.edit(PO_SERIALS),
        },
        { content: "leave the field: the dialog checks the list", trigger: ".modal .modal-title", run: "click" },
        { trigger: ".modal .o_field_widget[name=check_result]:contains(3 serial numbers ready to save)" },
        shot("desktop-1-expected-serials", ".modal button[name=action_save]"),
        { trigger: ".modal button[name=action_save]", run: "click" },
        { trigger: "body:not(:has(.modal))" },
        {
            trigger:
                ".o_data_row:contains(Laptop) .o_data_cell[name=expected_serial_summary]:contains(3 / 3)",
        },
        shot("desktop-2-receipt-expected", ".o_data_row:contains(Laptop):contains(3 / 3)"),
        ...openDetails("Laptop"),
        { content: "Import Serials", trigger: ".modal .o_widget_import_lots > button", run: "click" },
        {
            trigger: ".modal div[name=next_serial] textarea",
            run: (helpers) => helpers.edit(PO_SERIALS),
        },
        { trigger: ".modal .modal-footer .btn-primary:contains(Generate)", run: "click" },
        { trigger: ".modal .o_data_row .o_data_cell[name=lot_name]:contains(SN-PO-0003)" },
        shot("desktop-3-receipt-serials", ".modal .o_data_row .o_data_cell[name=lot_name]:contains(SN-PO-0001)"),
        ...saveAndValidate(),
    ],
});
