/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

let audioContext = null;

/**
 * A short beep: high and short when a scan is recorded, low and long when refused.
 * Silent where the browser has no Web Audio.
 */
export function playFeedbackSound(ok) {
    const AudioContext = window.AudioContext || window.webkitAudioContext;
    if (!AudioContext) {
        return;
    }
    try {
        audioContext = audioContext || new AudioContext();
        const oscillator = audioContext.createOscillator();
        const gain = audioContext.createGain();
        oscillator.type = ok ? "sine" : "square";
        oscillator.frequency.value = ok ? 1200 : 220;
        gain.gain.value = 0.15;
        oscillator.connect(gain).connect(audioContext.destination);
        oscillator.start();
        oscillator.stop(audioContext.currentTime + (ok ? 0.12 : 0.45));
    } catch {
        // No sound is better than a broken scan.
    }
}
