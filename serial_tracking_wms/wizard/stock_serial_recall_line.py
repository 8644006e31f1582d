# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import csv
import io

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# The columns of the export, in order.
EXPORT_FIELDS = [
    "lot_id",
    "product_id",
    "partner_id",
    "email",
    "phone",
    "address",
    "reference",
    "date",
    "returned",
    "return_reference",
    "return_date",
]


class StockSerialRecallLine(models.TransientModel):
    """One delivery of a recalled serial number to a customer."""

    _name = "stock.serial.recall.line"
    _description = "Serial Number Recall Line"
    _order = "partner_id, date, id"
    _rec_name = "lot_id"

    # --- Fields ---
    recall_id = fields.Many2one(
        "stock.serial.recall", required=True, ondelete="cascade", index=True
    )
    lot_id = fields.Many2one("stock.lot", "Serial Number", readonly=True)
    product_id = fields.Many2one("product.product", "Product", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    email = fields.Char(readonly=True)
    phone = fields.Char(readonly=True)
    address = fields.Char(readonly=True)
    move_line_id = fields.Many2one("stock.move.line", "Delivery Line", readonly=True)
    picking_id = fields.Many2one("stock.picking", "Delivery", readonly=True)
    reference = fields.Char("Delivery Reference", readonly=True)
    date = fields.Datetime("Delivered On", readonly=True)
    returned = fields.Boolean(
        "Returned", readonly=True, help="The customer has since returned it."
    )
    return_picking_id = fields.Many2one("stock.picking", "Return", readonly=True)
    return_reference = fields.Char("Return Reference", readonly=True)
    return_date = fields.Datetime("Returned On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    # --- Action methods ---
    def action_wms_export_xlsx(self):
        return self._wms_export("xlsx")

    def action_wms_export_csv(self):
        return self._wms_export("csv")

    @api.readonly
    def action_open_picking(self):
        self.ensure_one()
        return self.picking_id.get_formview_action()

    # --- Private helpers ---
    def _wms_export(self, file_format):
        """Download the selected lines, or, none selected, the lines the list
        shows (its domain, sent by the list's header button)."""
        lines = self or self.search(self.env.context.get("active_domain") or [])
        recall = lines.recall_id
        if not lines or len(recall) != 1:
            raise UserError(_("There is no recall line to export."))
        # Times are written in the user's zone (as on screen): the headers say
        # which.
        zone = self.env.context.get("tz") or self.env.user.tz or "UTC"
        descriptions = lines.fields_get(EXPORT_FIELDS, ["string", "type"])
        headers = [
            _(
                "%(column)s (%(zone)s)",
                column=descriptions[name]["string"],
                zone=zone,
            )
            if descriptions[name]["type"] == "datetime"
            else descriptions[name]["string"]
            for name in EXPORT_FIELDS
        ]
        rows = [line._wms_export_row() for line in lines]
        if file_format == "xlsx":
            content, extension = self._wms_xlsx(headers, rows), "xlsx"
        else:
            content, extension = self._wms_csv(headers, rows), "csv"
        name = _("Recall %s", recall._wms_describe()).replace("/", "-")
        recall.write(
            {
                "export_file": base64.b64encode(content),
                "export_filename": f"{name}.{extension}",
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content?model={recall._name}&id={recall.id}"
            "&field=export_file&filename_field=export_filename&download=true",
            "target": "download",
        }

    def _wms_export_row(self):
        """The line's values for the export: text, or local naive datetimes."""
        self.ensure_one()
        row = []
        for name in EXPORT_FIELDS:
            value = self[name]
            field = self._fields[name]
            if field.type == "many2one":
                value = value.display_name or ""
            elif field.type == "datetime":
                value = (
                    fields.Datetime.context_timestamp(self, value).replace(tzinfo=None)
                    if value
                    else ""
                )
            elif field.type == "boolean":
                value = _("Yes") if value else _("No")
            else:
                value = value or ""
            row.append(value)
        return row

    def _wms_xlsx(self, headers, rows):
        import xlsxwriter

        buffer = io.BytesIO()
        workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Recall"))
        bold = workbook.add_format({"bold": True})
        date_format = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        sheet.write_row(0, 0, headers, bold)
        for index, row in enumerate(rows, start=1):
            for column, value in enumerate(row):
                if hasattr(value, "year"):
                    sheet.write_datetime(index, column, value, date_format)
                else:
                    # As text, never as a formula, whatever the value starts with.
                    sheet.write_string(index, column, value)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, len(rows), len(headers) - 1)
        sheet.set_column(0, len(headers) - 1, 18)
        workbook.close()
        return buffer.getvalue()

    def _wms_csv(self, headers, rows):
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in rows:
            writer.writerow(
                [
                    value.strftime("%Y-%m-%d %H:%M")
                    if hasattr(value, "year")
                    else value
                    for value in row
                ]
            )
        return buffer.getvalue().encode("utf-8-sig")
