/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component } from "@odoo/owl";

/** One document: what to scan next, the lines with their progress. */
export class DocumentScreen extends Component {
    static template = "serial_tracking_wms_hhd.DocumentScreen";
    static props = {
        flow: String,
        screen: Object,
        onSelectProduct: Function,
        tote: { type: [Object, { value: null }], optional: true },
        onReleaseTote: { type: Function, optional: true },
    };

    get selectedLine() {
        return this.props.screen.lines.find((l) => l.product_id === this.props.screen.product_id);
    }

    get nextLine() {
        return this.props.screen.lines.find((l) => !l.complete);
    }
}
