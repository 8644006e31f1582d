# Copyright 2026 serial_tracking_wms contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .views_common import SerialViewsCase


class RecallCase(SerialViewsCase):
    """Helpers to give serials a life before recalling them: received from a given
    vendor, delivered to a given customer, returned. All scanned by the stock user
    and validated."""

    @classmethod
    def _receive(cls, product, serials, vendor, others=()):
        return cls._receive_serials(product, serials, others, vendor=vendor)

    @classmethod
    def _deliver(cls, serials, partner, product=None, others=(), user=None):
        """Deliver ``serials`` of ``product`` (the Full Tracking one), and
        ``others`` ([(product, serials)]), to ``partner``, as ``user`` (by default
        the stock user)."""
        product = product or cls.product_full
        lines = [(product, serials), *others]
        delivery = cls._create_delivery([(p, len(s)) for p, s in lines])
        delivery.partner_id = partner
        udelivery = delivery.with_user(user or cls.stock_user)
        for line_product, line_serials in lines:
            for serial in line_serials:
                result = udelivery.wms_scan_serial(line_product.id, serial)
                assert result["ok"], result["message"]
        assert udelivery.button_validate() is True
        return delivery

    @classmethod
    def _return_serial(cls, delivery, serial, product=None):
        """Return ``serial`` of ``product`` delivered by ``delivery``."""
        product = product or cls.product_full
        wizard = (
            cls.env["stock.return.picking"]
            .with_context(active_id=delivery.id, active_model="stock.picking")
            .create({"picking_id": delivery.id})
        )
        for line in wizard.product_return_moves:
            line.quantity = 1 if line.product_id == product else 0
        back = cls.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])
        uback = back.with_user(cls.stock_user)
        result = uback.wms_scan_serial(product.id, serial)
        assert result["ok"], result["message"]
        assert uback.button_validate() is True
        return back
