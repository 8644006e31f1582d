/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component } from "@odoo/owl";

/** A document finished: on to the next one. */
export class DoneScreen extends Component {
    static template = "serial_tracking_wms_hhd.DoneScreen";
    static props = {
        documentName: String,
        onNext: Function,
    };
}
