/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { EventBus, reactive } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError, rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { newScanId, ScanQueue } from "./scan_queue";
import { mergeScreen } from "./screen_merge";

export const FLOWS = {
    receive: { model: "wms.hhd.receive", title: _t("Pre-Receipt Receive"), icon: "fa-truck" },
    pick: { model: "wms.hhd.pick", title: _t("Pick Tasks by Pick List"), icon: "fa-dolly" },
};
/** Where the user is (flow, screen, document, product, tote): kept over a reload. */
export const POSITION_KEY = "serial_tracking_wms_hhd.position";
/** The codes scanned and not handled yet, with their ids: they survive a reload. */
export const QUEUE_KEY = "serial_tracking_wms_hhd.queue";
/**
 * A lost connection: the code waiting is sent again after this delay (ms),
 * doubled at each new failure (a single lost answer is sent again at once, an
 * outage is not hammered), up to ``RETRY_DELAY``.
 */
export const RETRY_FIRST_DELAY = 500;
export const RETRY_DELAY = 3000;

/**
 * The scanner's work, apart from its screens: where the user is, the queue of
 * scans and taps, the calls to the server, the saved position. It only
 * forwards: every rule lives on the server (serial_tracking_wms), every scan
 * is saved there as it is made, and the screens resume where the user was
 * after a reload.
 *
 * Scans are never dropped: every code (barcode service, text field, camera)
 * and every tap that talks to the server goes through one queue, handled in
 * order, one at a time. Each scan gets an id on the device, kept when it is
 * sent again (a lost connection, a reload): the server records it once. The
 * connection lost, the scans wait (``state.offline``) and go out in order
 * when it is back.
 *
 * ``state`` is reactive: the screens read it (``useState``). ``bus`` tells the
 * screens ``SCREEN_SHOWN`` (the scan field can take the focus again) and
 * ``EXIT`` (the user leaves the app).
 */
export class SerialScanner {
    /**
     * @param {Object} services
     * @param {Object} services.orm Odoo's ORM service
     * @param {{ play: (ok: boolean) => void }} services.sound the beeps
     */
    constructor({ orm, sound }) {
        this.orm = orm;
        this.sound = sound;
        this.flows = FLOWS;
        this.bus = new EventBus();
        this.state = reactive(this.initialState());
        this.queue = new ScanQueue({
            run: async (item) => {
                await (item.code ? this.handleCode(item.code, item.scanId) : item.action());
                this.state.offline = false;
            },
            onError: (item, error) => this.onQueueError(item, error),
            onChange: () => this.onQueueChange(),
        });
        this.logId = 0;
        // Whether the saved position and queue were read (once per page).
        this.started = false;
        // The network is back: the scan waiting for its retry goes at once.
        browser.addEventListener("online", () => this.queue.retryNow());
    }

    initialState() {
        return {
            screen: "home",
            flow: null,
            documents: [],
            search: "",
            doc: null,
            feedback: null,
            busy: false,
            askBackorder: false,
            tote: null,
            // Codes waiting for their turn (the one with the server not counted).
            queued: 0,
            // The feedback of each scan since the queue was last empty.
            log: [],
            // The connection is lost: the scans wait until it is back.
            offline: false,
        };
    }

    /**
     * The app is opened. The first time in this page: back where the user
     * was, and the codes not handled before the reload sent again, with
     * their ids. Opened again later: the document is read again.
     */
    async start() {
        if (!this.started) {
            this.started = true;
            await this.restorePosition();
            this.restoreQueue();
        } else if (this.queue.isIdle) {
            await this.restorePosition();
        }
    }

    // --- Navigation (taps wait for the codes scanned before them) ---
    openFlow(flow) {
        this.enqueue(() => this.showFlow(flow));
    }

    async showFlow(flow) {
        Object.assign(this.state, { flow, screen: "list", doc: null, feedback: null });
        Object.assign(this.state, { log: [], search: "" });
        await this.loadDocuments();
        this.savePosition();
    }

    async loadDocuments() {
        this.state.documents = await this.call("list_documents", [this.state.search]);
    }

    async search(value) {
        this.state.search = value;
        await this.loadDocuments();
    }

    openDocument(pickingId) {
        this.enqueue(() => this.showDocument(pickingId));
    }

    async showDocument(pickingId) {
        Object.assign(this.state, { askBackorder: false, feedback: null, log: [], tote: null });
        this.showScreen(await this.call("open_document", [pickingId]));
        this.state.screen = "document";
        this.savePosition();
    }

    /**
     * One screen back; from the first screen, the user leaves the app
     * (``EXIT`` on the bus). Codes still queued are handled first, on the
     * screen they were scanned on; a second tap meanwhile does not go back
     * twice.
     */
    back() {
        const screen = this.state.screen;
        this.enqueue(async () => {
            if (this.state.screen !== screen) {
                return;
            }
            if (screen === "document") {
                await this.showFlow(this.state.flow);
            } else if (screen === "list") {
                this.state.screen = "home";
                this.state.flow = null;
                this.savePosition();
            } else {
                this.leave();
            }
        });
    }

    /** The user leaves: nothing to resume next time. */
    leave() {
        browser.localStorage.removeItem(POSITION_KEY);
        browser.localStorage.removeItem(QUEUE_KEY);
        Object.assign(this.state, this.initialState());
        this.bus.trigger("EXIT");
    }

    // --- Scans and actions ---
    /**
     * A code from the barcode service, the text field or the camera. Each
     * scan gets its id here, kept when it is sent again (after a lost
     * connection or a reload): the server records it once.
     */
    scan(code, scanId = newScanId()) {
        code = (code || "").trim();
        if (!code) {
            return;
        }
        if (this.queue.isIdle) {
            this.state.log = [];
        }
        this.queue.push({ code, scanId });
    }

    /** Run ``action`` after what is queued before it. */
    enqueue(action) {
        this.queue.push({ action });
    }

    /**
     * Run ``action`` after what is queued before it, if the document open now
     * is still open then (a second tap on Finish does nothing).
     */
    enqueueOnDocument(action) {
        const key = this.state.doc && this.state.doc.document.id;
        this.enqueue(() => {
            if (this.state.screen === "document" && this.state.doc.document.id === key) {
                return action();
            }
        });
    }

    async handleCode(code, scanId = false) {
        if (this.state.screen === "list") {
            const doc = this.state.documents.find((d) => d.name === code);
            if (doc) {
                return this.showDocument(doc.id);
            }
            return this.search(code);
        }
        if (this.state.screen !== "document") {
            this.state.feedback = {
                ok: false,
                message: _t("%s was not used: open a document first.", code),
            };
            this.sound.play(false);
            return;
        }
        const line = this.selectedLine;
        let screen;
        if (
            line &&
            !line.takes_serials &&
            /^\d+([.,]\d+)?$/.test(code) &&
            !this.isProductCode(code)
        ) {
            screen = await this.callSetQuantity(
                line.product_id,
                parseFloat(code.replace(",", "."))
            );
        } else {
            screen = await this.call("scan", [
                this.state.doc.document.id,
                code,
                this.state.doc.product_id,
                this.toteId,
                scanId || false,
            ]);
        }
        await this.showAnswer(screen, true);
        this.logScan(code, screen.ok !== false, screen.message);
    }

    setQuantity(quantity) {
        const productId = this.selectedLine.product_id;
        this.enqueueOnDocument(async () => {
            await this.showAnswer(await this.callSetQuantity(productId, quantity), true);
        });
    }

    callSetQuantity(productId, quantity) {
        return this.call("set_quantity", [this.state.doc.document.id, productId, quantity]);
    }

    selectProduct(productId) {
        this.enqueueOnDocument(async () => {
            await this.showAnswer(
                await this.call("select_product", [
                    this.state.doc.document.id,
                    productId,
                    this.toteId,
                ])
            );
        });
    }

    releaseTote() {
        this.enqueueOnDocument(() => {
            this.state.tote = null;
            this.savePosition();
            this.bus.trigger("SCREEN_SHOWN");
        });
    }

    finish(backorder = null) {
        this.enqueueOnDocument(async () => {
            // Through the scanner's endpoint, which starts the validation again
            // when another one of the same stock went first.
            const screen = await this.callRoute("/serial_tracking_wms_hhd/finish", {
                flow: FLOWS[this.state.flow].model,
                picking_id: this.state.doc.document.id,
                backorder,
            });
            this.state.askBackorder = Boolean(screen.need_backorder);
            this.showScreen(screen, screen.ok !== null && screen.ok !== undefined);
            if (screen.finished) {
                this.state.screen = "done";
                this.savePosition();
            }
        });
    }

    /** A message of the device (the camera failed, say): shown as a refusal. */
    showError(message) {
        this.state.feedback = { ok: false, message };
    }

    // --- The queue ---
    onQueueChange() {
        const waiting = this.queue.waiting.filter((item) => item.code);
        this.state.queued = waiting.length;
        // What is not handled yet, the code with the server included: sent
        // again after a reload, with its id (a scan the server handled
        // meanwhile gets its first answer again).
        const codes = this.queue.items
            .filter((item) => item.code)
            .map((item) => ({ code: item.code, scanId: item.scanId }));
        if (codes.length) {
            browser.localStorage.setItem(QUEUE_KEY, JSON.stringify(codes));
        } else {
            browser.localStorage.removeItem(QUEUE_KEY);
        }
    }

    /**
     * A call that failed. The connection is lost: a code waits and is sent
     * again, with its id, before any other; a tap is not repeated. The server
     * failed: that scan is refused, the next ones go on.
     */
    onQueueError(item, error) {
        if (error instanceof ConnectionLostError && item.code) {
            this.state.offline = true;
            this.state.feedback = {
                ok: false,
                message: _t(
                    "Connection lost: %(count)s scans wait and are sent again when it is back.",
                    { count: this.queue.items.filter((i) => i.code).length }
                ),
            };
            item.attempts = (item.attempts || 0) + 1;
            return Math.min(RETRY_FIRST_DELAY * 2 ** (item.attempts - 1), RETRY_DELAY);
        }
        const reason =
            error instanceof ConnectionLostError
                ? _t("The connection to the server is lost: try again.")
                : (error && error.data && error.data.message) || String(error);
        const message = item.code
            ? _t("%(code)s: %(reason)s", { code: item.code, reason })
            : reason;
        this.state.feedback = { ok: false, message };
        this.sound.play(false);
        if (item.code) {
            this.logScan(item.code, false, message);
        }
    }

    /** The feedback of a scan, kept with the others of the same burst. */
    logScan(code, ok, message) {
        this.state.log.push({ id: ++this.logId, code, ok, message: message || code });
    }

    get refusedScans() {
        return this.state.log.filter((entry) => !entry.ok);
    }

    /** The codes saved before a reload, sent again with their ids. */
    restoreQueue() {
        let codes;
        try {
            codes = JSON.parse(browser.localStorage.getItem(QUEUE_KEY) || "[]");
        } catch {
            codes = [];
        }
        browser.localStorage.removeItem(QUEUE_KEY);
        for (const item of Array.isArray(codes) ? codes : []) {
            // A code saved before scans had ids (a plain string) gets one now.
            if (item && typeof item === "object") {
                this.scan(String(item.code || ""), item.scanId || newScanId());
            } else {
                this.scan(String(item));
            }
        }
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

    async callRoute(route, params) {
        this.state.busy = true;
        try {
            return await rpc(route, params);
        } finally {
            this.state.busy = false;
        }
    }

    /**
     * An answer of the server on the document shown: a scan's answer holds
     * only the lines it changed (see ``mergeScreen``); when it does not fit
     * the screen, the document is read again, with the answer's feedback.
     */
    async showAnswer(answer, withSound = false) {
        let screen = mergeScreen(this.state.doc, answer);
        if (!screen) {
            const tote = answer.tote ? answer.tote.id : this.toteId;
            const full = await this.call("open_document", [answer.document.id, tote]);
            screen = {
                ...full,
                product_id: answer.product_id,
                ok: answer.ok,
                message: answer.message,
            };
        }
        this.showScreen(screen, withSound);
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
                this.sound.play(screen.ok !== false);
            }
        }
        this.bus.trigger("SCREEN_SHOWN");
    }

    // --- The saved position ---
    savePosition() {
        const position = {
            flow: this.state.flow,
            screen: this.state.screen === "done" ? "list" : this.state.screen,
            pickingId: this.state.doc && this.state.doc.document.id,
            productId: this.state.doc && this.state.doc.product_id,
            toteId: this.toteId,
        };
        browser.localStorage.setItem(POSITION_KEY, JSON.stringify(position));
    }

    async restorePosition() {
        let position;
        try {
            position = JSON.parse(browser.localStorage.getItem(POSITION_KEY) || "null");
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
        this.state.documents = await this.orm.call(FLOWS[position.flow].model, "list_documents", [
            "",
        ]);
    }
}

export const scannerService = {
    dependencies: ["orm", "serial_tracking_wms_hhd.feedback_sound"],
    start(env, { orm, "serial_tracking_wms_hhd.feedback_sound": sound }) {
        return new SerialScanner({ orm, sound });
    },
};

registry.category("services").add("serial_tracking_wms_hhd.scanner", scannerService);
