/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

/**
 * The scanner's work, one item at a time, in the order it came: scanned codes
 * (from the barcode service, the text field or the camera) and taps on the
 * screen. An item that arrives while another is with the server waits its turn
 * instead of being dropped.
 *
 * - ``run(item)`` handles one item (a promise);
 * - ``onError(item, error)`` is told when ``run`` fails; the queue then goes on
 *   with the next item, unless it returns a number of milliseconds: the same
 *   item is tried again after that delay (the connection is lost, say), before
 *   any other;
 * - ``onChange()`` is called whenever the items waiting change.
 */
/**
 * A new scan's id, made on the device: the server records each id it has
 * handled and answers a scan sent again (same id) with its first answer.
 * 128 random bits in hexadecimal (``crypto.getRandomValues`` works on plain
 * http too, where ``crypto.randomUUID`` does not).
 */
export function newScanId() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export class ScanQueue {
    constructor({ run, onError = () => {}, onChange = () => {} }) {
        this.run = run;
        this.onError = onError;
        this.onChange = onChange;
        /** The item being handled, if any. */
        this.current = null;
        /** The items waiting for their turn. */
        this.waiting = [];
        this.draining = false;
        this.idleCallbacks = [];
        /** Ends the wait before a retry (see ``retryNow``). */
        this.endWait = null;
    }

    /** Every item not handled yet: the current one first. */
    get items() {
        return this.current ? [this.current, ...this.waiting] : [...this.waiting];
    }

    get isIdle() {
        return !this.draining && !this.waiting.length;
    }

    push(item) {
        this.waiting.push(item);
        this.onChange();
        if (!this.draining) {
            this.drain();
        }
    }

    /** Resolved once every item pushed so far (and after) is handled. */
    whenIdle() {
        if (this.isIdle) {
            return Promise.resolve();
        }
        return new Promise((resolve) => this.idleCallbacks.push(resolve));
    }

    /** The queue waits to try an item again: try it now (the network is back). */
    retryNow() {
        if (this.endWait) {
            this.endWait();
        }
    }

    async drain() {
        this.draining = true;
        while (this.waiting.length) {
            const item = this.waiting.shift();
            this.current = item;
            this.onChange();
            let retryAfter = null;
            try {
                await this.run(item);
            } catch (error) {
                try {
                    retryAfter = await this.onError(item, error);
                } catch {
                    // A failing error handler must not stop the queue.
                }
            }
            this.current = null;
            if (typeof retryAfter === "number") {
                this.waiting.unshift(item);
                this.onChange();
                await new Promise((resolve) => {
                    const timeout = setTimeout(resolve, retryAfter);
                    this.endWait = () => {
                        clearTimeout(timeout);
                        resolve();
                    };
                });
                this.endWait = null;
            }
        }
        this.draining = false;
        this.onChange();
        for (const callback of this.idleCallbacks.splice(0)) {
            callback();
        }
    }
}
