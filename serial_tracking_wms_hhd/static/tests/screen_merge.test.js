// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { describe, expect, test } from "@odoo/hoot";

import { mergeScreen } from "@serial_tracking_wms_hhd/services/screen_merge";

describe.current.tags("headless");

function line(moveId, doneQty = 0) {
    return { move_id: moveId, product: `P${moveId}`, done_qty: doneQty };
}

function screen(lines, { id = 7, partial = false, lineCount = lines.length } = {}) {
    return {
        document: { id, name: "WH/OUT/7", done_qty: 0, line_count: lineCount },
        lines,
        partial,
        ok: true,
        message: "",
    };
}

test("a full answer replaces the screen", () => {
    const answer = screen([line(1, 1)]);
    expect(mergeScreen(screen([line(1), line(2)]), answer)).toBe(answer);
    expect(mergeScreen(null, answer)).toBe(answer);
});

test("a partial answer replaces its lines in place and keeps the others", () => {
    const current = screen([line(1), line(2), line(3)]);
    const answer = screen([line(2, 1)], { partial: true, lineCount: 3 });
    answer.document.done_qty = 1;
    answer.message = "SN-1 recorded";
    const merged = mergeScreen(current, answer);
    expect(merged.lines.map((l) => [l.move_id, l.done_qty])).toEqual([
        [1, 0],
        [2, 1],
        [3, 0],
    ]);
    expect(merged.lines[0]).toBe(current.lines[0]);
    expect(merged.document.done_qty).toBe(1);
    expect(merged.message).toBe("SN-1 recorded");
    expect(merged.partial).toBe(false);
});

test("a refusal without lines keeps every line", () => {
    const current = screen([line(1, 1), line(2)]);
    const merged = mergeScreen(current, screen([], { partial: true, lineCount: 2 }));
    expect(merged.lines).toEqual(current.lines);
});

test("a partial answer that does not fit asks for the whole document", () => {
    const current = screen([line(1), line(2)]);
    // another document
    expect(mergeScreen(current, screen([line(1)], { id: 8, partial: true, lineCount: 2 }))).toBe(null);
    // a line the screen does not have (a move split by the server)
    expect(mergeScreen(current, screen([line(9)], { partial: true, lineCount: 3 }))).toBe(null);
    // a line gone
    expect(mergeScreen(current, screen([line(1)], { partial: true, lineCount: 1 }))).toBe(null);
    // nothing shown yet
    expect(mergeScreen(null, screen([line(1)], { partial: true, lineCount: 2 }))).toBe(null);
});
