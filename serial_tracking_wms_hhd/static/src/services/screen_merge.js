/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

/**
 * The screen after an answer of the server. A full answer (opening a document,
 * finishing it) replaces the screen. A partial one (``partial``: the answer to
 * a scan, a tap on a line or a quantity) holds only the lines that action could
 * change, and the document's counters: those lines replace theirs in the screen
 * shown, in place; the others stay as they are.
 *
 * Returns null when a partial answer does not fit the screen shown (another
 * document, a line the screen does not have, a different number of lines):
 * the document must then be opened again.
 */
export function mergeScreen(current, answer) {
    if (!answer.partial) {
        return answer;
    }
    if (!current || !current.document || current.document.id !== answer.document.id) {
        return null;
    }
    const changed = new Map(answer.lines.map((line) => [line.move_id, line]));
    const known = new Set(current.lines.map((line) => line.move_id));
    if (
        current.lines.length !== answer.document.line_count ||
        [...changed.keys()].some((moveId) => !known.has(moveId))
    ) {
        return null;
    }
    return {
        ...answer,
        partial: false,
        lines: current.lines.map((line) => changed.get(line.move_id) || line),
    };
}
