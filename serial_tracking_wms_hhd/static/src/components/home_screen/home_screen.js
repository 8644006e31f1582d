/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component } from "@odoo/owl";

/** The first screen: the workflows to choose from. */
export class HomeScreen extends Component {
    static template = "serial_tracking_wms_hhd.HomeScreen";
    static props = {
        flows: Object,
        onOpen: Function,
    };
}
