/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { Component, onMounted, onWillStart, useRef, useState } from "@odoo/owl";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { _t } from "@web/core/l10n/translation";
import { rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { useBus, useService } from "@web/core/utils/hooks";
import { DocumentList } from "../../components/document_list/document_list";
import { DocumentScreen } from "../../components/document_screen/document_screen";
import { playFeedbackSound } from "../../services/feedback_sound";

const FLOWS = {
    receive: { model: "wms.hhd.receive", title: _t("Pre-Receipt Receive"), icon: "fa-truck" },
    pick: { model: "wms.hhd.pick", title: _t("Pick Tasks by Pick List"), icon: "fa-dolly" },
};
const STORAGE_KEY = "serial_tracking_wms_hhd.position";

/**
 * Handheld scanner app, full screen. It only displays and forwards: every rule
 * lives on the server (serial_tracking_wms), every scan is saved there as it is
 * made, and the screen resumes where the user was after a reload.
 */
export class SerialScannerApp extends Component {
    static template = "serial_tracking_wms_hhd.SerialScannerApp";
    static components = { DocumentList, DocumentScreen };
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.barcode = useService("barcode");
        this.inputRef = useRef("input");
        this.flows = FLOWS;
        this.cameraSupported = isBarcodeScannerSupported();
        this.state = useState({
            screen: "home",
            flow: null,
            documents: [],
            search: "",
            doc: null,
            feedback: null,
            busy: false,
            askBackorder: false,
            tote: null,
        });
        useBus(this.barcode.bus, "barcode_scanned", (ev) => this.onCode(ev.detail.barcode));
        onWillStart(() => this.restorePosition());
        onMounted(() => this.focusInput());
    }

    // --- Navigation ---
    async openFlow(flow) {
        this.state.flow = flow;
        this.state.screen = "list";
        this.state.doc = null;
        this.state.feedback = null;
        this.state.search = "";
        await this.loadDocuments();
        this.savePosition();
    }

    async loadDocuments() {
        this.state.documents = await this.call("list_documents", [this.state.search]);
    }

    async onSearch(value) {
        this.state.search = value;
        await this.loadDocuments();
    }

    async openDocument(pickingId) {
        this.state.askBackorder = false;
        this.state.feedback = null;
        this.state.tote = null;
        this.showScreen(await this.call("open_document", [pickingId]));
        this.state.screen = "document";
        this.savePosition();
    }

    back() {
        if (this.state.screen === "document") {
            this.openFlow(this.state.flow);
        } else if (this.state.screen === "list") {
            this.state.screen = "home";
            this.state.flow = null;
            this.savePosition();
        } else {
            this.exit();
        }
    }

    // --- Scans and actions ---
    async onCode(code) {
        code = (code || "").trim();
        if (!code || this.state.busy) {
            return;
        }
        if (this.state.screen === "list") {
            const doc = this.state.documents.find((d) => d.name === code);
            if (doc) {
                return this.openDocument(doc.id);
            }
            return this.onSearch(code);
        }
        if (this.state.screen !== "document") {
            return;
        }
        const line = this.selectedLine;
        if (line && !line.takes_serials && /^\d+([.,]\d+)?$/.test(code) && !this.isProductCode(code)) {
            return this.setQuantity(parseFloat(code.replace(",", ".")));
        }
        const screen = await this.call("scan", [
            this.state.doc.document.id,
            code,
            this.state.doc.product_id,
            this.toteId,
        ]);
        this.showScreen(screen, true);
    }

    async setQuantity(quantity) {
        const line = this.selectedLine;
        const screen = await this.call("set_quantity", [
            this.state.doc.document.id,
            line.product_id,
            quantity,
        ]);
        this.showScreen(screen, true);
    }

    async selectProduct(productId) {
        this.showScreen(
            await this.call("select_product", [this.state.doc.document.id, productId, this.toteId])
        );
    }

    releaseTote() {
        this.state.tote = null;
        this.savePosition();
        this.focusInput();
    }

    async finish(backorder = null) {
        // Through the scanner's endpoint, which starts the validation again
        // when another one of the same stock went first.
        this.state.busy = true;
        let screen;
        try {
            screen = await rpc("/serial_tracking_wms_hhd/finish", {
                flow: FLOWS[this.state.flow].model,
                picking_id: this.state.doc.document.id,
                backorder,
            });
        } finally {
            this.state.busy = false;
        }
        this.state.askBackorder = Boolean(screen.need_backorder);
        this.showScreen(screen, screen.ok !== null && screen.ok !== undefined);
        if (screen.finished) {
            this.state.screen = "done";
            this.savePosition();
        }
    }

    async openCamera() {
        try {
            const code = await scanBarcode(this.env);
            await this.onCode(code);
        } catch {
            this.state.feedback = { ok: false, message: _t("The camera could not read a code.") };
        }
    }

    onInputKeydown(ev) {
        if (ev.key === "Enter") {
            const value = ev.target.value;
            ev.target.value = "";
            this.onCode(value);
        }
    }

    onSend() {
        const input = this.inputRef.el;
        const value = input.value;
        input.value = "";
        this.onCode(value);
    }

    // --- Helpers ---
    get selectedLine() {
        const doc = this.state.doc;
        return doc && doc.lines.find((l) => l.product_id === doc.product_id);
    }

    get toteId() {
        return (this.state.tote && this.state.tote.id) || false;
    }

    isProductCode(code) {
        return this.state.doc.lines.some((l) => l.barcode === code);
    }

    async call(method, args) {
        this.state.busy = true;
        try {
            return await this.orm.call(FLOWS[this.state.flow].model, method, args);
        } finally {
            this.state.busy = false;
        }
    }

    showScreen(screen, withSound = false) {
        this.state.doc = screen;
        if (screen.tote) {
            this.state.tote = screen.tote;
        }
        this.savePosition();
        if (screen.message) {
            this.state.feedback = { ok: screen.ok !== false, message: screen.message };
            if (withSound) {
                playFeedbackSound(screen.ok !== false);
            }
        }
        this.focusInput();
    }

    focusInput() {
        // Keep the text field ready for typed or pasted codes on touch screens,
        // without stealing keyboard-wedge scans (the barcode service gets those).
        if (this.inputRef.el && !this.env.isSmall) {
            this.inputRef.el.focus();
        }
    }

    savePosition() {
        const position = {
            flow: this.state.flow,
            screen: this.state.screen === "done" ? "list" : this.state.screen,
            pickingId: this.state.doc && this.state.doc.document.id,
            productId: this.state.doc && this.state.doc.product_id,
            toteId: this.toteId,
        };
        window.localStorage.setItem(STORAGE_KEY, JSON.stringify(position));
    }

    async restorePosition() {
        let position;
        try {
            position = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
        } catch {
            position = null;
        }
        if (!position || !FLOWS[position.flow]) {
            return;
        }
        this.state.flow = position.flow;
        if (position.screen === "document" && position.pickingId) {
            try {
                const screen = await this.orm.call(FLOWS[position.flow].model, "open_document", [
                    position.pickingId,
                    position.toteId || false,
                ]);
                if (screen.state === "done" || screen.state === "cancel") {
                    throw new Error("closed");
                }
                screen.product_id = position.productId || false;
                this.state.doc = screen;
                this.state.tote = screen.tote || null;
                this.state.screen = "document";
                return;
            } catch {
                // The document is gone or done: fall back to the list.
            }
        }
        this.state.screen = "list";
        this.state.documents = await this.orm.call(FLOWS[position.flow].model, "list_documents", [""]);
    }

    exit() {
        window.localStorage.removeItem(STORAGE_KEY);
        window.location.href = "/odoo";
    }
}

registry.category("actions").add("serial_tracking_wms_hhd.scanner_app", SerialScannerApp);
