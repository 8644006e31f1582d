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

const LAPTOP = ".o_wms_line[data-product='Tour Laptop']";

/**
 * A stock user whose language is French receives on the scanner: every text
 * checked below is French, from the app's templates and JavaScript (_t) and
 * from the server's answers (_()). Texts with an apostrophe are matched by a
 * part without it (the selector syntax reads an apostrophe as a quote).
 */
registry.category("web_tour.tours").add("serial_tracking_wms_hhd_receive_french", {
    url: APP,
    steps: () => [
        { content: "the home screen in French", trigger: ".o_wms_scanner:contains(Choisissez un flux de travail)" },
        { trigger: ".o_wms_title:contains(Scanner de numéros de série)" },
        { trigger: ".o_wms_flow_pick:contains(Tâches de prélèvement par liste de prélèvement)" },
        { trigger: ".o_wms_flow_receive:contains(Réception des pré-réceptions)", run: "click" },
        { trigger: ".o_wms_document_list h2:contains(Réceptions ouvertes)" },
        { trigger: ".o_wms_search[placeholder='Recherchez ou scannez une référence, un partenaire']" },
        { content: "search the receipt", trigger: ".o_wms_search", run: "edit TOUR-FR" },
        { trigger: ".o_wms_document:contains(TOUR-FR)", run: "click" },
        { trigger: ".o_wms_document_name:contains(TOUR-FR)" },
        { trigger: ".o_wms_input[placeholder='Scannez ou saisissez un code']" },
        { trigger: ".o_wms_next_step:contains(Scannez le produit Tour Laptop)" },
        { trigger: `${LAPTOP} .o_wms_tracking:contains(Suivi complet)` },
        { trigger: `${LAPTOP} .o_wms_to_come_count:contains(2 à venir)` },
        ...scan("2900000009998", "scan the laptop's product barcode"),
        {
            trigger: ".o_wms_feedback_ok:contains(Scannez les numéros de série de Tour Laptop, un par unité.)",
        },
        { trigger: ".o_wms_next_step:contains(Scannez un numéro de série de Tour Laptop)" },
        ...scan("TL-FR-1"),
        { trigger: ".o_wms_feedback_ok:contains(TL-FR-1 enregistré pour Tour Laptop.)" },
        { trigger: `${LAPTOP} .o_wms_line_progress:contains(1 / 2)` },
        { trigger: `${LAPTOP} .o_wms_to_come_next:contains(ensuite : TL-FR-2)` },
        ...scan("NOT-ON-LIST", "an unlisted serial is refused, in French"),
        {
            content: "the refusal, in French",
            trigger:
                ".o_wms_feedback_error:contains(Le numéro de série NOT-ON-LIST n)" +
                ":contains(est pas attendu pour Tour Laptop sur TOUR-FR ; seuls ses numéros de série listés peuvent être réceptionnés.)",
        },
        { trigger: `${LAPTOP} .o_wms_line_progress:contains(1 / 2)` },
        ...scan("TL-FR-2"),
        { trigger: ".o_wms_feedback_ok:contains(TL-FR-2 enregistré pour Tour Laptop.)" },
        { trigger: `${LAPTOP} .o_wms_line_progress:contains(2 / 2)` },
        { trigger: ".o_wms_finish:contains(Terminer TOUR-FR)", run: "click" },
        { trigger: ".o_wms_done button:contains(Document suivant)" },
        { trigger: ".o_wms_feedback_ok:contains(TOUR-FR est terminé.)" },
    ],
});
