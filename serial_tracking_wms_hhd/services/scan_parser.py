# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a scanned code is: a product, a transfer, a GS1 product + serial, a GS1
SSCC (a carton), or text (a serial, a carton's label, or a search)."""

from odoo import api, models


class WmsHhdScanParser(models.AbstractModel):
    _name = "wms.hhd.scan.parser"
    _description = "Scanner: scanned code parser"

    @api.model
    def parse(self, code, pickings=None):
        """:return: dict with ``code`` (stripped) and, when recognised,
        ``product`` (product.product), ``serial`` (str), ``picking``, ``sscc``
        (a carton's GS1 label, AI 00);
        ``unreadable`` when the code cannot be looked up at all."""
        code = (code or "").strip()
        result = {"code": code}
        if not code:
            return result
        if "\x00" in code:
            # PostgreSQL refuses NUL in text: no lookup, no serial can hold it.
            result["unreadable"] = True
            return result
        gs1 = self._parse_gs1(code)
        if gs1:
            result.update(gs1)
            return result
        product = self._find_product(code)
        if product:
            result["product"] = product
            return result
        if pickings is not None:
            picking = pickings.filtered(lambda p: p.name == code)[:1]
            if picking:
                result["picking"] = picking
        return result

    @api.model
    def _find_product(self, code):
        Product = self.env["product.product"]
        return Product.search([("barcode", "=", code)], limit=1) or Product.search(
            [("default_code", "=", code)], limit=1
        )

    @api.model
    def _parse_gs1(self, code):
        """GS1-128 / GS1 DataMatrix with (01) GTIN and (21) serial, parsed by
        Odoo's GS1 nomenclature."""
        nomenclature = self.env.ref(
            "barcodes_gs1_nomenclature.default_gs1_nomenclature",
            raise_if_not_found=False,
        )
        if (
            not nomenclature
            or not code[:1].isdigit()
            and not code.startswith(("]", "\x1d"))
        ):
            return None
        try:
            parts = nomenclature.gs1_decompose_extanded(code)
        except Exception:  # a code that merely looks like GS1
            return None
        if not parts:
            return None
        values = {part["rule"].type: part for part in parts}
        if len(parts) == 1 and "package" in values:
            # (00) SSCC alone: a carton's label (see ``wms_scan_carton``).
            return {"sscc": values["package"]["value"]}
        product_part = values.get("product")
        if not product_part or "lot" not in values:
            return None
        gtin = product_part["value"]
        candidates = [c for c in {gtin, gtin.lstrip("0"), gtin[1:]} if c]
        product = self.env["product.product"].search(
            [("barcode", "in", candidates)], limit=1
        )
        return {
            "product": product,
            "serial": values["lot"]["value"],
            "gtin": gtin,
        }
