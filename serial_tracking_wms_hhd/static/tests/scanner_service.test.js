// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { beforeEach, describe, expect, test } from "@odoo/hoot";
import { advanceTime, Deferred, tick } from "@odoo/hoot-mock";
import { browser } from "@web/core/browser/browser";
import { ConnectionLostError } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { patchTranslations } from "@web/../tests/web_test_helpers";

import {
    POSITION_KEY,
    QUEUE_KEY,
    RETRY_DELAY,
    RETRY_FIRST_DELAY,
    SerialScanner,
} from "@serial_tracking_wms_hhd/services/scanner_service";

describe.current.tags("headless");

beforeEach(() => {
    browser.localStorage.clear();
    // The messages are translated strings: as if the translations were loaded.
    patchTranslations();
});

const PICKING = 7;

/**
 * A server for the scanner's calls, as the handheld models answer: one
 * receipt with one line taking serials. It records each scan id once and
 * answers a scan id it handled with its first answer. ``network`` decides
 * what happens to the next scan calls: "ok", "cut" (the call never reaches
 * the server), "drop" (the server handles it, the answer is lost) or "hang"
 * (the server handles it, its answer waits for the test: a Deferred).
 */
class FakeServer {
    constructor() {
        this.serials = [];
        this.answers = new Map();
        this.state = "assigned";
        this.network = [];
        this.hanging = [];
        this.calls = [];
    }

    screen(extra = {}) {
        const serials = [...this.serials];
        return {
            document: {
                id: PICKING,
                name: "WH/IN/00007",
                line_count: 1,
                done_qty: serials.length,
                expected_qty: 30,
            },
            state: this.state,
            product_id: 3,
            tote: false,
            lines: [
                {
                    move_id: 1,
                    product_id: 3,
                    product: "Laptop",
                    barcode: "LAPTOP",
                    takes_serials: true,
                    serials,
                    done_qty: serials.length,
                    expected_qty: 30,
                    complete: false,
                },
            ],
            ...extra,
        };
    }

    /** The ORM service as the scanner sees it. */
    get orm() {
        return { call: (model, method, args) => this.call(model, method, args) };
    }

    async call(model, method, args) {
        this.calls.push({ model, method, args });
        if (method === "list_documents") {
            return [{ id: PICKING, name: "WH/IN/00007" }];
        }
        if (method === "open_document") {
            return this.screen();
        }
        if (method !== "scan") {
            throw new Error(`unexpected call ${method}`);
        }
        const [, code, , , scanId] = args;
        const network = this.network.shift() || "ok";
        expect.step(`scan ${code} ${network}`);
        if (network === "cut") {
            throw new ConnectionLostError("/web/dataset/call_kw/wms.hhd.receive/scan");
        }
        if (!this.answers.has(scanId)) {
            let answer;
            if (this.serials.includes(code)) {
                answer = this.screen({ ok: false, message: `${code} is given twice` });
            } else {
                this.serials.push(code);
                answer = this.screen({ ok: true, message: `${code} recorded` });
            }
            this.answers.set(scanId, answer);
        }
        if (network === "hang") {
            const answer = new Deferred();
            this.hanging.push(answer);
            await answer;
        }
        if (network === "drop") {
            throw new ConnectionLostError("/web/dataset/call_kw/wms.hhd.receive/scan");
        }
        return this.answers.get(scanId);
    }

    /** The scan ids sent, in order (a resend shows twice). */
    get scanIds() {
        return this.calls.filter((c) => c.method === "scan").map((c) => c.args[4]);
    }
}

/** A scanner as the service makes it, its beeps as steps. */
function makeScanner(server) {
    return new SerialScanner({
        orm: server.orm,
        sound: { play: (ok) => expect.step(ok ? "beep" : "error beep") },
    });
}

/** A scanner on the receipt, its saved position and queue empty. */
async function openReceipt(server) {
    const scanner = makeScanner(server);
    await scanner.start();
    scanner.openFlow("receive");
    scanner.openDocument(PICKING);
    await scanner.queue.whenIdle();
    expect(scanner.state.screen).toBe("document");
    return scanner;
}

test("the scanner is a service of the web client, on the ORM and the beeps", () => {
    const service = registry.category("services").get("serial_tracking_wms_hhd.scanner");
    expect(service.dependencies).toEqual(["orm", "serial_tracking_wms_hhd.feedback_sound"]);
    const server = new FakeServer();
    const scanner = service.start(
        {},
        { orm: server.orm, "serial_tracking_wms_hhd.feedback_sound": { play() {} } }
    );
    expect(scanner).toBeInstanceOf(SerialScanner);
    expect(scanner.state.screen).toBe("home");
    expect(registry.category("services").contains("serial_tracking_wms_hhd.feedback_sound")).toBe(
        true
    );
});

test("a burst: every code sent in order, one at a time, each with an id of its own", async () => {
    const server = new FakeServer();
    const scanner = await openReceipt(server);
    const codes = Array.from({ length: 8 }, (_, i) => `SN-${i + 1}`);
    server.network = ["hang"];
    for (const code of codes) {
        scanner.scan(code);
    }
    await tick();
    expect(scanner.state.queued).toBe(7, { message: "the first with the server, seven wait" });
    expect(scanner.state.busy).toBe(true);
    server.hanging[0].resolve();
    await scanner.queue.whenIdle();
    expect.verifySteps(codes.flatMap((code, i) => [`scan ${code} ${i ? "ok" : "hang"}`, "beep"]));
    expect(server.serials).toEqual(codes);
    expect(scanner.state.doc.lines[0].serials).toEqual(codes);
    expect(new Set(server.scanIds).size).toBe(8);
    for (const scanId of server.scanIds) {
        expect(scanId).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(scanner.state.log.map((entry) => entry.ok)).toEqual(codes.map(() => true));
    expect(scanner.state.queued).toBe(0);
    expect(scanner.state.busy).toBe(false);
    expect(browser.localStorage.getItem(QUEUE_KEY)).toBe(null);
});

test("an answer lost, the network cut: sent again with the same id, recorded once, in order", async () => {
    const server = new FakeServer();
    const scanner = await openReceipt(server);
    server.network = ["ok", "drop", "cut", "cut"];
    for (const code of ["A", "B", "C"]) {
        scanner.scan(code);
    }
    await tick();
    expect.verifySteps(["scan A ok", "beep", "scan B drop"]);
    expect(scanner.state.offline).toBe(true);
    expect(scanner.state.feedback.ok).toBe(false);
    expect(scanner.state.feedback.message).toInclude("2 scans wait");
    expect(scanner.state.queued).toBe(2, { message: "B waits for its retry, C behind it" });
    // Nothing is sent until the delay is over.
    await advanceTime(RETRY_FIRST_DELAY - 10);
    expect.verifySteps([]);
    while (!scanner.queue.isIdle) {
        await advanceTime(RETRY_DELAY);
    }
    // B sent again until the network is back, then its first answer,
    // recorded once: no refusal, no error beep.
    expect.verifySteps(["scan B cut", "scan B cut", "scan B ok", "beep", "scan C ok", "beep"]);
    expect(scanner.state.offline).toBe(false);
    expect(server.serials).toEqual(["A", "B", "C"]);
    const [idA, idB, idC] = [server.scanIds[0], server.scanIds[1], server.scanIds.at(-1)];
    expect(server.scanIds).toEqual([idA, idB, idB, idB, idB, idC]);
    expect(scanner.state.log.map((entry) => `${entry.code} ${entry.ok}`)).toEqual([
        "A true",
        "B true",
        "C true",
    ]);
    expect(scanner.state.feedback).toEqual({ ok: true, message: "C recorded" });
});

test("the connection lost: a scan tried again after 0.5 s, 1 s, 2 s, then every 3 s", () => {
    const scanner = makeScanner(new FakeServer());
    const item = { code: "A", scanId: "0123" };
    const error = new ConnectionLostError("/web/dataset/call_kw/wms.hhd.receive/scan");
    const delays = Array.from({ length: 6 }, () => scanner.onQueueError(item, error));
    expect(delays).toEqual([
        RETRY_FIRST_DELAY,
        2 * RETRY_FIRST_DELAY,
        4 * RETRY_FIRST_DELAY,
        RETRY_DELAY,
        RETRY_DELAY,
        RETRY_DELAY,
    ]);
    expect(scanner.state.offline).toBe(true);
    expect(scanner.state.log).toEqual([], { message: "not refused" });
    // A tap is not tried again: refused, with its beep.
    expect(scanner.onQueueError({ action() {} }, error)).toBe(undefined);
    expect(scanner.state.feedback.ok).toBe(false);
    expect.verifySteps(["error beep"]);
});

test("the network back (the browser says online): the scan waiting goes at once", async () => {
    const server = new FakeServer();
    const scanner = await openReceipt(server);
    server.network = ["cut"];
    scanner.scan("A");
    await tick();
    expect.verifySteps(["scan A cut"]);
    expect(scanner.state.offline).toBe(true);
    window.dispatchEvent(new Event("online"));
    await scanner.queue.whenIdle();
    expect.verifySteps(["scan A ok", "beep"]);
    expect(scanner.state.offline).toBe(false);
    expect(server.scanIds[0]).toBe(server.scanIds[1]);
});

test("a reload: the scans not handled are sent again, in order, with their ids", async () => {
    const server = new FakeServer();
    const before = await openReceipt(server);
    server.network = ["hang"];
    before.scan("A");
    before.scan("B");
    await tick();
    const saved = JSON.parse(browser.localStorage.getItem(QUEUE_KEY));
    expect(saved.map((item) => item.code)).toEqual(["A", "B"]);
    const [idA] = server.scanIds;
    expect(saved[0].scanId).toBe(idA);
    // The page is reloaded while A is with the server: it was recorded, its
    // answer never came; B was never sent.
    expect.verifySteps(["scan A hang"]);
    expect(server.serials).toEqual(["A"]);

    const after = makeScanner(server);
    await after.start();
    await after.queue.whenIdle();
    expect.verifySteps(["scan A ok", "beep", "scan B ok", "beep"]);
    expect(server.scanIds.slice(-2)).toEqual([saved[0].scanId, saved[1].scanId]);
    expect(server.serials).toEqual(["A", "B"]);
    expect(after.state.log.every((entry) => entry.ok)).toBe(true);
    expect(browser.localStorage.getItem(QUEUE_KEY)).toBe(null);
});

test("the position is saved through the browser's storage and resumed", async () => {
    const server = new FakeServer();
    await openReceipt(server);
    expect(JSON.parse(browser.localStorage.getItem(POSITION_KEY))).toEqual({
        flow: "receive",
        screen: "document",
        pickingId: PICKING,
        productId: 3,
        toteId: false,
    });

    const after = makeScanner(server);
    await after.start();
    expect(after.state.screen).toBe("document");
    expect(after.state.flow).toBe("receive");
    expect(after.state.doc.document.id).toBe(PICKING);
    expect(server.calls.at(-1)).toEqual({
        model: "wms.hhd.receive",
        method: "open_document",
        args: [PICKING, false],
    });

    // The document was finished elsewhere meanwhile: back on the list.
    server.state = "done";
    const later = makeScanner(server);
    await later.start();
    expect(later.state.screen).toBe("list");
    expect(later.state.documents.length).toBe(1);
});

test("back, back, back: the list, the first screen, then the app is left", async () => {
    const server = new FakeServer();
    const scanner = await openReceipt(server);
    scanner.bus.addEventListener("EXIT", () => expect.step("exit"));
    scanner.back();
    await scanner.queue.whenIdle();
    expect(scanner.state.screen).toBe("list");
    scanner.back();
    await scanner.queue.whenIdle();
    expect(scanner.state.screen).toBe("home");
    expect(JSON.parse(browser.localStorage.getItem(POSITION_KEY)).screen).toBe("home");
    scanner.back();
    await scanner.queue.whenIdle();
    expect.verifySteps(["exit"]);
    expect(browser.localStorage.getItem(POSITION_KEY)).toBe(null);
    expect(scanner.state.flow).toBe(null);
});

test("a code scanned before a tap is handled first, on the screen it was scanned on", async () => {
    const server = new FakeServer();
    const scanner = await openReceipt(server);
    server.network = ["hang"];
    scanner.scan("A");
    scanner.back();
    scanner.back();
    await tick();
    expect(scanner.state.screen).toBe("document");
    server.hanging[0].resolve();
    await scanner.queue.whenIdle();
    expect.verifySteps(["scan A hang", "beep"]);
    expect(server.serials).toEqual(["A"]);
    // The second tap was made on the document too: one screen back only.
    expect(scanner.state.screen).toBe("list");
});
