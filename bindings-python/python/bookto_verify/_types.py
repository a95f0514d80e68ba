"""The shapes of ``to_dict()``, for type checkers (importable at runtime).

::

    from bookto_verify import OrderPaidDict

    def store(data: OrderPaidDict) -> None:
        total = data["amount"]["total_incl"]   # Decimal

``OrderPaid.from_dict`` takes the same shape back. The keys are the wire
names; fields this version does not model are not in it (they are in
``event.extra`` and ``event.raw``).
"""

from __future__ import annotations

import datetime
import decimal
from typing import Optional, TypedDict

__all__ = ["AmountDict", "BuyerDict", "OrderPaidDict", "ProductDict", "SellerDict"]


class AmountDict(TypedDict):
    """``Amount.to_dict()``: money exact, as ``Decimal``."""

    total_incl: decimal.Decimal
    excl_vat: decimal.Decimal
    vat: decimal.Decimal
    vat_rate: decimal.Decimal
    currency: str


class ProductDict(TypedDict):
    """``Product.to_dict()``."""

    name: str


class BuyerDict(TypedDict):
    """``Buyer.to_dict()``; ``company`` is ``None`` when absent or null."""

    first_name: str
    last_name: str
    email: str
    company: Optional[str]
    country: str


class SellerDict(TypedDict):
    """``Seller.to_dict()``; ``entity`` is ``None`` when absent or null."""

    id: str
    entity: Optional[str]


class OrderPaidDict(TypedDict):
    """``OrderPaid.to_dict()``: times as timezone-aware ``datetime``."""

    event: str
    payment_provider: str
    order_id: str
    order_number: str
    status: str
    created_at: datetime.datetime
    paid_at: datetime.datetime
    amount: AmountDict
    vat_treatment: str
    product: ProductDict
    buyer: BuyerDict
    seller: SellerDict
    is_test_order: bool
