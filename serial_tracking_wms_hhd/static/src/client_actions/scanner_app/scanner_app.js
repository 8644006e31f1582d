/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component, onMounted, onWillStart, useRef, useState } from "@odoo/owl";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useBus, useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { DocumentList } from "../../components/document_list/document_list";
import { DocumentScreen } from "../../components/document_screen/document_screen";
import { DoneScreen } from "../../components/done_screen/done_screen";
import { HomeScreen } from "../../components/home_screen/home_screen";

/**
 * Handheld scanner app, full screen: the header (back, title, Offline, the
 * scans queued), the scan field, the feedback of the last scans, and the
 * screen the user is on (one component each). The work (queue, server calls,
 * saved position) is the ``serial_tracking_wms_hhd.scanner`` service's: this
 * component forwards the codes (barcode service, text field, camera) and the
 * taps to it, and leaves through the action service.
 */
export class SerialScannerApp extends Component {
    static template = "serial_tracking_wms_hhd.SerialScannerApp";
    static components = { DocumentList, DocumentScreen, DoneScreen, HomeScreen };
    static props = { ...standardActionServiceProps };

    setup() {
        this.scanner = useService("serial_tracking_wms_hhd.scanner");
        this.barcode = useService("barcode");
        this.inputRef = useRef("input");
        this.state = useState(this.scanner.state);
        this.flows = this.scanner.flows;
        this.cameraSupported = isBarcodeScannerSupported();
        useBus(this.barcode.bus, "barcode_scanned", (ev) => this.scanner.scan(ev.detail.barcode));
        useBus(this.scanner.bus, "SCREEN_SHOWN", () => this.focusInput());
        useBus(this.scanner.bus, "EXIT", () => this.exit());
        onWillStart(() => this.scanner.start());
        onMounted(() => this.focusInput());
    }

    // --- Taps, forwarded to the service (queued behind the scans) ---
    back() {
        this.scanner.back();
    }

    openFlow(flow) {
        this.scanner.openFlow(flow);
    }

    openDocument(pickingId) {
        this.scanner.openDocument(pickingId);
    }

    onSearch(value) {
        return this.scanner.search(value);
    }

    selectProduct(productId) {
        this.scanner.selectProduct(productId);
    }

    releaseTote() {
        this.scanner.releaseTote();
    }

    setQuantity(quantity) {
        this.scanner.setQuantity(quantity);
    }

    finish(backorder = null) {
        this.scanner.finish(backorder);
    }

    // --- The codes ---
    async openCamera() {
        try {
            this.scanner.scan(await scanBarcode(this.env));
        } catch {
            this.scanner.showError(_t("The camera could not read a code."));
        }
    }

    onInputKeydown(ev) {
        if (ev.key === "Enter") {
            const value = ev.target.value;
            ev.target.value = "";
            this.scanner.scan(value);
        }
    }

    onSend() {
        const input = this.inputRef.el;
        const value = input.value;
        input.value = "";
        this.scanner.scan(value);
    }

    // --- Display ---
    get refusedScans() {
        return this.state.log.filter((entry) => !entry.ok);
    }

    get scanLogSummary() {
        const count = this.state.log.length;
        const refused = this.refusedScans.length;
        return refused
            ? _t("%(count)s scans: %(refused)s refused", { count, refused })
            : _t("%s scans: all accepted", count);
    }

    get queuedLabel() {
        return _t("%s queued", this.state.queued);
    }

    /** The title of a flow's list of documents. */
    get listTitle() {
        return this.state.flow === "receive" ? _t("Open receipts") : _t("Pick lists ready");
    }

    focusInput() {
        // Keep the text field ready for typed or pasted codes on touch screens,
        // without stealing keyboard-wedge scans (the barcode service gets those).
        if (this.inputRef.el && !this.env.isSmall) {
            this.inputRef.el.focus();
        }
    }

    /**
     * Leave the app as Odoo's own screens do (the form view's and the
     * import's Back), through the action service: back to the screen it was
     * opened from, or, opened on its own (from the menu, a link, a reload),
     * to the default app.
     */
    exit() {
        this.env.config.historyBack();
    }
}

registry.category("actions").add("serial_tracking_wms_hhd.scanner_app", SerialScannerApp);
