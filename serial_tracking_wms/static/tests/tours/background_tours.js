/** @odoo-module **/
// Copyright 2026 serial_tracking_wms contributors
// License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import { registry } from "@web/core/registry";

// A stock user validates a receipt of more serials than the threshold: Odoo's cron
// will do it; the form says so and offers Validate no more.
registry.category("web_tour.tours").add("serial_tracking_wms_background_validation", {
    steps: () => [
        {
            content: "Validate the receipt",
            trigger: ".o_form_view .o_statusbar_buttons button[name=button_validate]",
            run: "click",
        },
        {
            content: "told it runs in the background",
            trigger: ".o_notification:contains(in the background)",
        },
        {
            content: "the banner, once the form is reloaded",
            trigger: ".o_form_view .alert-info:contains(Validation in the background: queued)",
        },
        {
            content: "no Validate while it is locked",
            trigger:
                ".o_form_view .o_statusbar_buttons:not(:has(button[name=button_validate]))",
        },
    ],
});
