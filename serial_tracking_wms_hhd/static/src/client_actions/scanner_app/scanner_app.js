/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";

/**
 * Handheld scanner app, full screen. It only displays and forwards: every rule
 * lives on the server (serial_tracking_wms).
 */
export class SerialScannerApp extends Component {
    static template = "serial_tracking_wms_hhd.SerialScannerApp";
    static props = ["*"];

    setup() {
        this.actionService = useService("action");
        this.state = useState({ screen: "home" });
    }

    get flows() {
        return [
            { key: "receive", title: "Pre-Receipt Receive", icon: "fa-truck" },
            { key: "pick", title: "Pick Tasks by Pick List", icon: "fa-dolly" },
        ];
    }

    exit() {
        this.actionService.doAction("home");
    }
}

registry.category("actions").add("serial_tracking_wms_hhd.scanner_app", SerialScannerApp);
