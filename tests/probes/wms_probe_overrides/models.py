# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""An override of each method a set-based path stands in for (see
``serial_tracking_wms/speed/allowlist.py``), each as an integrator writes one:
it calls ``super()``. The speed layer cannot know what such code does: loaded,
every path switches itself off and Odoo's own code runs."""

from odoo import api, models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model
    def _update_available_quantity(self, *args, **kwargs):
        return super()._update_available_quantity(*args, **kwargs)

    def _get_available_quantity(self, *args, **kwargs):
        return super()._get_available_quantity(*args, **kwargs)

    def _gather(self, *args, **kwargs):
        return super()._gather(*args, **kwargs)

    def _update_reserved_quantity(self, *args, **kwargs):
        return super()._update_reserved_quantity(*args, **kwargs)

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(vals_list)

    @api.model
    def default_get(self, fields_list):
        return super().default_get(fields_list)

    def write(self, vals):
        return super().write(vals)

    def _get_gather_domain(self, *args, **kwargs):
        return super()._get_gather_domain(*args, **kwargs)

    @api.model
    def _is_inventory_mode(self):
        return super()._is_inventory_mode()

    @api.model
    def _get_inventory_fields_create(self):
        return super()._get_inventory_fields_create()

    def _in_cache_without(self, *args, **kwargs):
        return super()._in_cache_without(*args, **kwargs)


class StockMove(models.Model):
    _inherit = "stock.move"

    def _update_reserved_quantity(self, *args, **kwargs):
        return super()._update_reserved_quantity(*args, **kwargs)

    def _action_assign(self, force_qty=False):
        return super()._action_assign(force_qty=force_qty)

    def _inverse_picked(self):
        return super()._inverse_picked()

    def _check_company(self, fnames=None):
        return super()._check_company(fnames)

    def _get_out_move_lines(self):
        return super()._get_out_move_lines()


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(vals_list)

    @api.model
    def default_get(self, fields_list):
        return super().default_get(fields_list)

    def write(self, vals):
        return super().write(vals)

    def _create_and_assign_production_lot(self):
        return super()._create_and_assign_production_lot()

    def _check_company(self, fnames=None):
        return super()._check_company(fnames)

    def _in_cache_without(self, *args, **kwargs):
        return super()._in_cache_without(*args, **kwargs)


class StockLot(models.Model):
    _inherit = "stock.lot"

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(vals_list)

    @api.model
    def default_get(self, fields_list):
        return super().default_get(fields_list)

    def _message_log_batch(self, *args, **kwargs):
        return super()._message_log_batch(*args, **kwargs)

    def _message_create(self, values_list):
        return super()._message_create(values_list)

    def _creation_message(self):
        return super()._creation_message()

    def _creation_subtype(self):
        return super()._creation_subtype()

    def _in_cache_without(self, *args, **kwargs):
        return super()._in_cache_without(*args, **kwargs)


class MailMessage(models.Model):
    _inherit = "mail.message"

    @api.model_create_multi
    def create(self, values_list):
        return super().create(values_list)

    @api.model
    def default_get(self, fields_list):
        return super().default_get(fields_list)


class StockExpectedSerial(models.Model):
    _inherit = "stock.expected.serial"

    @api.model_create_multi
    def create(self, vals_list):
        return super().create(vals_list)

    @api.model
    def default_get(self, fields_list):
        return super().default_get(fields_list)

    def write(self, vals):
        return super().write(vals)

    def _in_cache_without(self, *args, **kwargs):
        return super()._in_cache_without(*args, **kwargs)
