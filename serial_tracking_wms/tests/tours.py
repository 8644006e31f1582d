# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tours that wait for what they look for, not for the clock.

Each step of a tour waits for its trigger (Odoo's step timeout). The bound Odoo puts
on the whole tour (60 s by default) is a clock: a tour of twenty steps that takes
25 s alone on the machine passes that bound when two other test runs share the
cores. Here it only stops a hung browser.
"""

import os

TOUR_HANG_GUARD = int(os.environ.get("WMS_TOUR_HANG_GUARD", "900"))


class PatientToursMixin:
    """For ``HttpCase`` classes: ``start_tour`` bounded by ``TOUR_HANG_GUARD``
    seconds unless the call says otherwise."""

    def start_tour(self, url_path, tour_name, step_delay=None, **kwargs):
        kwargs.setdefault("timeout", TOUR_HANG_GUARD)
        return super().start_tour(url_path, tour_name, step_delay, **kwargs)
