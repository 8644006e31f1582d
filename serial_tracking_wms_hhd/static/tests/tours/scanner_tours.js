/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

const APP = "/odoo/action-serial_tracking_wms_hhd.action_serial_scanner";

/** Type a code in the scan field and send it, as a keyboard or a paste would. */
function scan(code, content) {
    return [
        { content: content || `scan ${code}`, trigger: ".o_wms_input", run: `edit ${code}` },
        { trigger: ".o_wms_send", run: "click" },
    ];
}

/**
 * Codes sent as a keyboard-wedge scanner types them: keystrokes on the page (not
 * in a field) read by Odoo's barcode service, each code ended by Enter, one
 * every ``gap`` ms (a code the page was too busy to take on time goes as soon
 * as it can, the next ones keep to the schedule).
 */
async function wedgeScans(codes, gap) {
    document.activeElement?.blur();
    const started = performance.now();
    for (const [index, code] of codes.entries()) {
        const wait = started + index * gap - performance.now();
        if (wait > 0) {
            await new Promise((resolve) => setTimeout(resolve, wait));
        }
        for (const key of [...code, "Enter"]) {
            const ev = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true });
            document.body.dispatchEvent(ev);
        }
    }
    console.log(`${codes.length} codes sent in ${Math.round(performance.now() - started)} ms`);
}

/**
 * Ask the test (Python side) for a screenshot of the screen as it is now; the
 * test saves it under docs/screenshots/ when the run asks for screenshots.
 */
function shot(name) {
    return {
        content: `screenshot ${name}`,
        trigger: ".o_wms_scanner",
        run: async () => {
            console.log(`wms-screenshot:${name}`);
            await new Promise((resolve) => setTimeout(resolve, 700));
        },
    };
}

registry.category("web_tour.tours").add("serial_tracking_wms_hhd_open_app", {
    url: APP,
    steps: () => [
        {
            content: "The scanner home screen offers the receive flow",
            trigger: ".o_wms_scanner .o_wms_flow_receive:contains(Pre-Receipt Receive)",
        },
        {
            content: "and the pick flow",
            trigger: ".o_wms_scanner .o_wms_flow_pick:contains(Pick Tasks by Pick List)",
        },
        shot("0-home"),
        {
            content: "open a flow, then back to the first screen",
            trigger: ".o_wms_flow_pick",
            run: "click",
        },
        { trigger: ".o_wms_document_list" },
        { trigger: ".o_wms_back", run: "click" },
        { trigger: ".o_wms_home_screen" },
        {
            content: "leave the app: back in the web client, its menu bar shown",
            trigger: ".o_wms_back",
            run: "click",
        },
        { trigger: "body:not(:has(.o_wms_scanner)) .o_main_navbar" },
        {
            content: "nothing to resume when the app is opened again",
            trigger: ".o_main_navbar",
            run() {
                if (localStorage.getItem("serial_tracking_wms_hhd.position")) {
                    throw new Error("the position was kept after leaving");
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("serial_tracking_wms_hhd_receive", {
    url: APP,
    steps: () => [
        { trigger: ".o_wms_flow_receive", run: "click" },
        { content: "search the receipt", trigger: ".o_wms_search", run: "edit TOUR-RECEIPT" },
        { trigger: ".o_wms_document:contains(TOUR-RECEIPT)" },
        shot("receive-1-open-receipts"),
        { trigger: ".o_wms_document:contains(TOUR-RECEIPT)", run: "click" },
        { trigger: ".o_wms_document_name:contains(TOUR-RECEIPT)" },
        shot("receive-2-lines"),
        ...scan("2900000009998", "scan the laptop's product barcode"),
        { trigger: ".o_wms_feedback_ok:contains(Scan the serial numbers of Tour Laptop)" },
        shot("receive-3-product-scanned"),
        ...scan("TL-1"),
        { trigger: ".o_wms_feedback_ok:contains(TL-1 recorded)" },
        { trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_line_progress:contains(1 / 3)" },
        shot("receive-4-serial-recorded"),
        {
            content: "reload the page: nothing recorded is lost, the screen resumes",
            trigger: ".o_wms_document_name:contains(TOUR-RECEIPT)",
            run() {
                location.reload();
            },
        },
        { trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_serials:contains(TL-1)" },
        { trigger: ".o_wms_next_step:contains(Scan a serial number of Tour Laptop)" },
        ...scan("NOT-ON-LIST", "an unlisted serial is refused"),
        { trigger: ".o_wms_feedback_error:contains(NOT-ON-LIST is not expected)" },
        shot("receive-5-serial-refused"),
        { trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_line_progress:contains(1 / 3)" },
        ...scan("(01)02900000009998(21)TL-2".replace(/[()]/g, ""), "a GS1 code: product and serial at once"),
        { trigger: ".o_wms_feedback_ok:contains(TL-2 recorded)" },
        { trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_line_progress:contains(2 / 3)" },
        shot("receive-6-gs1-scan"),
        { content: "select the cables", trigger: ".o_wms_line[data-product='Tour Cable']", run: "click" },
        { trigger: ".o_wms_next_step:contains(Enter the quantity of Tour Cable)" },
        ...scan("4", "enter a quantity"),
        { trigger: ".o_wms_line[data-product='Tour Cable'] .o_wms_line_progress:contains(4 / 4)" },
        shot("receive-7-quantity"),
        { trigger: ".o_wms_finish", run: "click" },
        { content: "one laptop missing: Odoo's backorder choice", trigger: ".o_wms_backorder_create" },
        shot("receive-8-backorder-choice"),
        { trigger: ".o_wms_backorder_create", run: "click" },
        { trigger: ".o_wms_done" },
        shot("receive-9-done"),
    ],
});

registry.category("web_tour.tours").add("serial_tracking_wms_hhd_pick", {
    url: APP,
    steps: () => [
        { trigger: ".o_wms_flow_pick", run: "click" },
        { trigger: ".o_wms_document:contains(TOUR-PICK)" },
        shot("pick-1-pick-lists"),
        ...scan("TOUR-PICK", "scan the pick list's reference"),
        { trigger: ".o_wms_document_name:contains(TOUR-PICK)" },
        { trigger: ".o_wms_next_step .o_wms_goto:contains(Stock)" },
        shot("pick-2-tasks"),
        ...scan("2900000009981", "scan the earbuds"),
        { trigger: ".o_wms_next_step:contains(Scan a serial number of Tour Earbuds)" },
        shot("pick-3-product-scanned"),
        ...scan("TE-1"),
        { trigger: ".o_wms_feedback_ok:contains(TE-1 recorded)" },
        shot("pick-4-serial-recorded"),
        ...scan("TE-1", "the same serial again is refused"),
        { trigger: ".o_wms_feedback_error:contains(given twice)" },
        shot("pick-5-serial-refused"),
        ...scan("TE-2"),
        { trigger: ".o_wms_line[data-product='Tour Earbuds'] .o_wms_line_progress:contains(2 / 2)" },
        ...scan("0102900000009974" + "21TF-1", "a GS1 code for the full-tracked product"),
        { trigger: ".o_wms_feedback_ok:contains(TF-1 recorded)" },
        shot("pick-6-gs1-scan"),
        { trigger: ".o_wms_finish", run: "click" },
        { trigger: ".o_wms_done" },
        shot("pick-7-done"),
    ],
});

registry.category("web_tour.tours").add("serial_tracking_wms_hhd_batch_tote", {
    url: APP,
    steps: () => [
        { trigger: ".o_wms_flow_pick", run: "click" },
        { trigger: ".o_wms_document:contains(TOUR-BATCH) .o_wms_batch_badge" },
        shot("batch-1-batches"),
        { trigger: ".o_wms_document:contains(TOUR-BATCH)", run: "click" },
        { trigger: ".o_wms_document_name:contains(TOUR-BATCH)" },
        { trigger: ".o_wms_line_picking:contains(TOUR-BATCH-B)" },
        ...scan("TOUR-TOTE-1", "scan the tote to pick into"),
        { trigger: ".o_wms_tote .o_wms_tote_name:contains(TOUR-TOTE-1)" },
        { trigger: ".o_wms_tote_serials:contains(Empty)" },
        shot("batch-2-tote-selected"),
        ...scan("2900000009981", "scan the earbuds"),
        ...scan("TE-B1"),
        { trigger: ".o_wms_feedback_ok:contains(TE-B1 of Tour Earbuds recorded in tote TOUR-TOTE-1)" },
        ...scan("TE-B2"),
        { trigger: ".o_wms_tote_serials:contains(2 serial numbers)" },
        ...scan("TE-B3"),
        { trigger: ".o_wms_tote_serials:contains(3 serial numbers)" },
        ...scan("TE-B4", "one unit too many for the batch"),
        { trigger: ".o_wms_feedback_error:contains(already picked)" },
        ...scan("0102900000009974" + "21TB-2", "a GS1 code for the tablet"),
        { trigger: ".o_wms_feedback_ok:contains(TB-2)" },
        { trigger: ".o_wms_tote_serials:contains(4 serial numbers)" },
        { trigger: ".o_wms_document_progress:contains(4 / 4)" },
        shot("batch-3-tote-filled"),
        { trigger: ".o_wms_finish", run: "click" },
        { trigger: ".o_wms_done" },
        shot("batch-4-done"),
    ],
});

// The burst: the laptop's barcode, then ten listed serials out of the list's
// order and one unlisted (refused) among them; twelve codes in about 100 ms.
const BURST = [
    "2900000009998",
    "BURST-07",
    "BURST-03",
    "BURST-10",
    "BURST-01",
    "BURST-99",
    "BURST-12",
    "BURST-05",
    "BURST-02",
    "BURST-09",
    "BURST-04",
    "BURST-11",
];
const RECORDED = BURST.filter((code) => code.startsWith("BURST-") && code !== "BURST-99");

/** Fail unless ``selector``'s text is exactly ``text``. */
function checkText(selector, text) {
    const actual = document.querySelector(selector)?.textContent.trim().replace(/\s+/g, " ");
    if (actual !== text) {
        throw new Error(`${selector}: expected "${text}", found "${actual}"`);
    }
}

registry.category("web_tour.tours").add("serial_tracking_wms_hhd_burst", {
    url: APP,
    steps: () => [
        { trigger: ".o_wms_flow_receive", run: "click" },
        { content: "search the receipt", trigger: ".o_wms_search", run: "edit TOUR-BURST" },
        { trigger: ".o_wms_document:contains(TOUR-BURST)", run: "click" },
        { trigger: ".o_wms_document_name:contains(TOUR-BURST)" },
        {
            content: "every expected serial is still to come: the count and the next ones",
            trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_to_come_count:contains(12 to come)",
            run() {
                checkText(".o_wms_to_come_next", "next: BURST-01, BURST-02, BURST-03, …");
            },
        },
        shot("receive-10-to-come"),
        {
            content: "a burst of twelve codes through the barcode service, about 100 ms",
            trigger: ".o_wms_document_name:contains(TOUR-BURST)",
            async run() {
                await wedgeScans(BURST, 5);
            },
        },
        {
            content: "the codes arriving while a call is with the server are queued",
            trigger: ".o_wms_queue_count:contains(queued)",
        },
        shot("receive-11-burst-queued"),
        {
            content: "every code handled: ten serials recorded",
            trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_line_progress:contains(10 / 12)",
        },
        { trigger: ".o_wms_scanner:not(:has(.o_wms_queue_count))" },
        {
            content: "in the order they were scanned",
            trigger: ".o_wms_document_progress:contains(10 / 12)",
            run() {
                checkText(".o_wms_line[data-product='Tour Laptop'] .o_wms_serials", RECORDED.join(", "));
            },
        },
        {
            content: "each scan has its feedback: the refused one is listed",
            trigger: ".o_wms_scan_log_summary:contains(12 scans: 1 refused)",
        },
        { trigger: ".o_wms_scan_log_refused:contains(BURST-99 is not expected)" },
        { trigger: ".o_wms_feedback_ok:contains(BURST-11 recorded)" },
        {
            content: "the two serials still to come",
            trigger: ".o_wms_to_come_count:contains(2 to come)",
            run() {
                checkText(".o_wms_to_come_next", "next: BURST-06, BURST-08");
            },
        },
        shot("receive-12-burst-recorded"),
        {
            content: "two codes typed back to back in the field, the page reloaded at once",
            trigger: ".o_wms_input",
            run() {
                const input = document.querySelector(".o_wms_input");
                for (const code of ["BURST-06", "BURST-08"]) {
                    input.value = code;
                    const ev = new KeyboardEvent("keydown", { key: "Enter", bubbles: true });
                    input.dispatchEvent(ev);
                }
                location.reload();
            },
        },
        {
            content: "after the reload, both are recorded",
            trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_line_progress:contains(12 / 12)",
        },
        { trigger: ".o_wms_scanner:not(:has(.o_wms_queue_count)):not(:has(.o_wms_to_come))" },
        {
            content: "Finish tapped twice in a row: finished once",
            trigger: ".o_wms_finish",
            run() {
                const button = document.querySelector(".o_wms_finish");
                button.click();
                button.click();
            },
        },
        { trigger: ".o_wms_done" },
        {
            content: "the second tap did nothing",
            trigger: ".o_wms_feedback_ok:contains(TOUR-BURST is done)",
            run() {
                if (document.querySelector(".o_wms_feedback_error")) {
                    throw new Error("the second tap on Finish was acted on");
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("serial_tracking_wms_hhd_wrong_label", {
    url: APP,
    steps: () => [
        { trigger: ".o_wms_flow_receive", run: "click" },
        { content: "search the receipt", trigger: ".o_wms_search", run: "edit TOUR-LABELS" },
        { trigger: ".o_wms_document:contains(TOUR-LABELS)", run: "click" },
        { trigger: ".o_wms_document_name:contains(TOUR-LABELS)" },
        ...scan("2900000009974", "scan the tablet's product barcode"),
        { trigger: ".o_wms_feedback_ok:contains(Scan the serial numbers of Tour Tablet)" },
        ...scan("4006381333931", "scan the box's EAN by mistake"),
        {
            content: "the EAN is refused: it does not look like a serial of the tablet",
            trigger: ".o_wms_feedback_error:contains(4006381333931):contains(does not start with TT-)",
        },
        shot("receive-labels-1-ean-refused"),
        ...scan("00:1A:2B:3C:4D:5E", "scan the MAC address by mistake"),
        { trigger: ".o_wms_feedback_error:contains(00:1A:2B:3C:4D:5E)" },
        ...scan("TT-00001", "scan the serial number label"),
        { trigger: ".o_wms_feedback_ok:contains(TT-00001)" },
        { trigger: ".o_wms_line:contains(Tour Tablet):contains(1 / 2)" },
    ],
});

const ONCE = Array.from({ length: 20 }, (_, i) => `ONCE-${String(i + 1).padStart(2, "0")}`);

/* The flaky network is the browser's own, driven from the Python test through
 * the DevTools protocol (test_scanner_tours.FlakyNetwork): the tour asks for it
 * on the console and waits until the test says it is in place. */
registry.category("web_tour.tours").add("serial_tracking_wms_hhd_scan_once", {
    url: APP,
    steps: () => [
        { trigger: ".o_wms_flow_receive", run: "click" },
        { content: "search the receipt", trigger: ".o_wms_search", run: "edit TOUR-ONCE" },
        { trigger: ".o_wms_document:contains(TOUR-ONCE)", run: "click" },
        { trigger: ".o_wms_document_name:contains(TOUR-ONCE)" },
        ...scan("2900000009998", "scan the laptop's product barcode"),
        { trigger: ".o_wms_feedback_ok:contains(Scan the serial numbers of Tour Laptop)" },
        {
            content: "ask the test for a flaky network (DevTools: Fetch and offline emulation)",
            trigger: ".o_wms_document_name:contains(TOUR-ONCE)",
            run() {
                console.log("wms-network:flaky");
            },
        },
        {
            content: "twenty serials in a burst; two answers lost, the network cut a while",
            trigger: "body[data-wms-network=flaky]",
            async run() {
                await wedgeScans(ONCE, 5);
            },
        },
        {
            content: "the screen says the connection is lost, and how many scans wait",
            trigger: ".o_wms_offline:contains(Offline)",
        },
        { trigger: ".o_wms_queue_count:contains(queued)" },
        shot("receive-20-offline"),
        {
            content: "the connection is back: every serial recorded",
            trigger: ".o_wms_line[data-product='Tour Laptop'] .o_wms_line_progress:contains(20 / 20)",
            // The cut lasts a few seconds (the test's), then the queue's next try.
            timeout: 30000,
        },
        { trigger: ".o_wms_scanner:not(:has(.o_wms_queue_count)):not(:has(.o_wms_offline))" },
        {
            content: "no refusal shown",
            trigger: ".o_wms_scan_log_summary:contains(20 scans: all accepted)",
            run() {
                if (document.querySelector(".o_wms_scan_log_refused, .o_wms_feedback_error")) {
                    throw new Error("a scan was shown as refused");
                }
            },
        },
        { trigger: ".o_wms_feedback_ok:contains(ONCE-20 recorded)" },
    ],
});
