/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";

/**
 * One document: what to scan next, the lines with their progress, the
 * quantity of a line without serials, and Finish (with Odoo's backorder
 * choice when quantities are missing).
 */
export class DocumentScreen extends Component {
    static template = "serial_tracking_wms_hhd.DocumentScreen";
    static props = {
        flow: String,
        screen: Object,
        onSelectProduct: Function,
        tote: { type: [Object, { value: null }], optional: true },
        onReleaseTote: { type: Function, optional: true },
        askBackorder: { type: Boolean, optional: true },
        onSetQuantity: Function,
        onFinish: Function,
    };

    /** The button that sets the selected line's quantity: all of it. */
    get allQuantityLabel() {
        return _t("All %s", this.selectedLine.expected_qty);
    }

    get selectedLine() {
        return this.props.screen.lines.find((l) => l.product_id === this.props.screen.product_id);
    }

    get nextLine() {
        return this.props.screen.lines.find((l) => !l.complete);
    }

    /** The expected serials of ``line`` not recorded yet: how many. */
    toComeCount(line) {
        return _t("%s to come", line.to_come.count);
    }

    /** ... and the next ones, in the order they were entered. */
    toComeNext(line) {
        const names = line.to_come.next.join(", ");
        return line.to_come.count > line.to_come.next.length
            ? _t("next: %s, …", names)
            : _t("next: %s", names);
    }
}
