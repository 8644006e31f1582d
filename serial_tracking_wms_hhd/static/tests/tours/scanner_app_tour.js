/** @odoo-module **/
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("serial_tracking_wms_hhd_open_app", {
    url: "/odoo/action-serial_tracking_wms_hhd.action_serial_scanner",
    steps: () => [
        {
            content: "The scanner home screen offers the receive flow",
            trigger: ".o_wms_scanner .o_wms_flow_receive:contains(Pre-Receipt Receive)",
        },
        {
            content: "and the pick flow",
            trigger: ".o_wms_scanner .o_wms_flow_pick:contains(Pick Tasks by Pick List)",
        },
    ],
});
