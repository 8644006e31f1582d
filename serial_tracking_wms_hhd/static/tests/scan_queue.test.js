// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { describe, expect, test } from "@odoo/hoot";
import { advanceTime, Deferred, tick } from "@odoo/hoot-mock";

import { newScanId, ScanQueue } from "@serial_tracking_wms_hhd/services/scan_queue";

describe.current.tags("headless");

/**
 * A queue whose calls wait for the test: ``calls`` holds one Deferred per item
 * handled, resolved (or rejected) by the test, as a server would answer.
 */
function makeQueue({ onError } = {}) {
    const calls = [];
    let running = 0;
    const queue = new ScanQueue({
        run: async (item) => {
            running++;
            expect(running).toBe(1, { message: "one item at a time" });
            expect.step(`start ${item.code}`);
            const call = new Deferred();
            calls.push(call);
            try {
                await call;
                expect.step(`done ${item.code}`);
            } finally {
                running--;
            }
        },
        onError: onError || ((item, error) => expect.step(`error ${item.code}: ${error.message}`)),
    });
    return { queue, calls };
}

test("codes arriving while a call is in flight wait, and are all handled in order", async () => {
    const { queue, calls } = makeQueue();
    const codes = Array.from({ length: 10 }, (_, i) => `SN-${i}`);
    for (const code of codes) {
        queue.push({ code });
    }
    expect(queue.current.code).toBe("SN-0");
    expect(queue.waiting.map((item) => item.code)).toEqual(codes.slice(1));
    expect(queue.isIdle).toBe(false);
    for (let i = 0; i < codes.length; i++) {
        await tick();
        calls[i].resolve();
    }
    await queue.whenIdle();
    expect(queue.isIdle).toBe(true);
    expect.verifySteps(codes.flatMap((code) => [`start ${code}`, `done ${code}`]));
});

test("a failed call in the middle: reported, and the next ones still go", async () => {
    const { queue, calls } = makeQueue();
    for (const code of ["A", "B", "C"]) {
        queue.push({ code });
    }
    await tick();
    calls[0].resolve();
    await tick();
    calls[1].reject(new Error("server down"));
    await tick();
    calls[2].resolve();
    await queue.whenIdle();
    expect.verifySteps(["start A", "done A", "start B", "error B: server down", "start C", "done C"]);
});

test("a code pushed while the queue waits after an error is handled after it", async () => {
    const { queue, calls } = makeQueue({
        onError: (item) => {
            expect.step(`retry ${item.code}`);
            return 3000;
        },
    });
    queue.push({ code: "A" });
    queue.push({ code: "B" });
    await tick();
    calls[0].reject(new Error("connection lost"));
    await tick();
    // A waits for its retry, first in line; B behind it; C comes meanwhile.
    expect(queue.current).toBe(null);
    queue.push({ code: "C" });
    expect(queue.items.map((item) => item.code)).toEqual(["A", "B", "C"]);
    expect(calls.length).toBe(1, { message: "nothing sent while waiting" });
    await advanceTime(3000);
    calls[1].resolve();
    await tick();
    calls[2].resolve();
    await tick();
    calls[3].resolve();
    await queue.whenIdle();
    expect.verifySteps([
        "start A",
        "retry A",
        "start A",
        "done A",
        "start B",
        "done B",
        "start C",
        "done C",
    ]);
});

test("onChange tells every change of what waits", async () => {
    const sizes = [];
    const queue = new ScanQueue({
        run: () => Promise.resolve(),
        onChange: () => sizes.push(queue.items.length),
    });
    queue.push({ code: "A" });
    queue.push({ code: "B" });
    await queue.whenIdle();
    expect(sizes.at(-1)).toBe(0);
    expect(Math.max(...sizes)).toBe(2);
});

test("each scan gets an id of its own", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newScanId()));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
        expect(id).toMatch(/^[0-9a-f]{32}$/);
    }
});
