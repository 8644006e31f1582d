/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component } from "@odoo/owl";

/** The open documents of a flow: tap one, or type / scan its reference. */
export class DocumentList extends Component {
    static template = "serial_tracking_wms_hhd.DocumentList";
    static props = {
        title: String,
        documents: Array,
        search: String,
        onSearch: Function,
        onOpen: Function,
    };

    onInput(ev) {
        this.props.onSearch(ev.target.value);
    }
}
