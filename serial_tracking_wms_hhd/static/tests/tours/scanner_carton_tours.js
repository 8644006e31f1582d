/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

const APP = "/odoo/action-serial_tracking_wms_hhd.action_serial_scanner";

/** Type a code in the scan field and send it, as a keyboard or a paste would. */
function scan(code, content) {
    return [
        { content: content || `scan ${code}`, trigger: ".o_wms_input", run: `edit ${code}` },
        { trigger: ".o_wms_send", run: "click" },
    ];
}

registry.category("web_tour.tours").add("serial_tracking_wms_hhd_carton_receive", {
    url: APP,
    steps: () => [
        { trigger: ".o_wms_flow_receive", run: "click" },
        { content: "search the receipt", trigger: ".o_wms_search", run: "edit TOUR-CARTON-IN" },
        { trigger: ".o_wms_document:contains(TOUR-CARTON-IN)", run: "click" },
        { trigger: ".o_wms_document_name:contains(TOUR-CARTON-IN)" },
        { trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_to_come_count:contains(50 to come)" },
        ...scan("CTN-TOUR-50", "scan the carton's label: its fifty serials at once"),
        { trigger: ".o_wms_feedback_ok:contains(Carton CTN-TOUR-50: 50 serial numbers of Tour Laptop recorded)" },
        { trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_line_progress:contains(50 / 50)" },
        { trigger: ".o_wms_finish", run: "click" },
        { trigger: ".o_wms_done" },
    ],
});

registry.category("web_tour.tours").add("serial_tracking_wms_hhd_carton_pick", {
    url: APP,
    steps: () => [
        { trigger: ".o_wms_flow_pick", run: "click" },
        { trigger: ".o_wms_document:contains(TOUR-CARTON-OUT)", run: "click" },
        { trigger: ".o_wms_document_name:contains(TOUR-CARTON-OUT)" },
        ...scan("CTN-TOUR-50", "scan the sealed carton: its fifty serials at once"),
        { trigger: ".o_wms_feedback_ok:contains(Carton CTN-TOUR-50: 50 serial numbers of Tour Laptop picked)" },
        { trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_line_progress:contains(50 / 50)" },
        { trigger: ".o_wms_finish", run: "click" },
        { trigger: ".o_wms_done" },
    ],
});
