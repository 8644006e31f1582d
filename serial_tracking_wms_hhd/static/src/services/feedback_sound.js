/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";

let audioContext = null;
// When the last beep planned ends (audio clock, seconds).
let plannedUntil = 0;
// Silence between two beeps, so that each scan of a burst is heard.
const GAP = 0.06;
// A burst's beeps of success are dropped beyond this much waiting sound (s);
// a refusal is always heard.
const MAX_BACKLOG = 2;

/**
 * A short beep: high and short when a scan is recorded, low and long when
 * refused. One beep per scan, one after the other: the scans of a burst are
 * each heard, in order, without overlapping. Silent where the browser has no
 * Web Audio.
 */
export function playFeedbackSound(ok) {
    const AudioContext = browser.AudioContext || window.webkitAudioContext;
    if (!AudioContext) {
        return;
    }
    try {
        audioContext = audioContext || new AudioContext();
        if (audioContext.state === "suspended") {
            audioContext.resume();
        }
        const now = audioContext.currentTime;
        const start = Math.max(now, plannedUntil);
        if (ok && start - now > MAX_BACKLOG) {
            return;
        }
        const duration = ok ? 0.12 : 0.45;
        const oscillator = audioContext.createOscillator();
        const gain = audioContext.createGain();
        oscillator.type = ok ? "sine" : "square";
        oscillator.frequency.value = ok ? 1200 : 220;
        gain.gain.value = 0.15;
        oscillator.connect(gain).connect(audioContext.destination);
        oscillator.start(start);
        oscillator.stop(start + duration);
        plannedUntil = start + duration + GAP;
    } catch {
        // No sound is better than a broken scan.
    }
}

/** The scanner's beeps, as a service: ``play(ok)``. */
export const feedbackSoundService = {
    start() {
        return { play: playFeedbackSound };
    },
};

registry.category("services").add("serial_tracking_wms_hhd.feedback_sound", feedbackSoundService);
