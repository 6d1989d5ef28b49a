"""Complaint texts, claims and amounts are hidden from roles without VIEW_SENSITIVE
(观察员) — on pages, in Excel exports and in the API — and shown to cadres."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.rights.conftest import SECRET

MASK = "（内容已隐藏）"


def _xlsx_text(response) -> str:
    assert response.status_code == 200, response.content[:200]
    wb = load_workbook(io.BytesIO(response.content), read_only=True)
    return " ".join(
        str(cell) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for cell in row
    )


def test_it_masks_order_content_for_an_observer(observer, personas, order):
    client = observer.client()
    detail = client.get(f"/rights/orders/{order.pk}/").content.decode()
    assert SECRET not in detail and MASK in detail
    listing = client.get("/rights/orders/").content.decode()
    assert SECRET[:10] not in listing and MASK in listing
    exported = _xlsx_text(client.get("/rights/orders/?export=xlsx"))
    assert SECRET not in exported and MASK in exported and order.number in exported


def test_it_shows_order_content_to_cadres_in_full_in_the_export(personas, order):
    client = personas["parent"].client()
    assert SECRET in client.get(f"/rights/orders/{order.pk}/").content.decode()
    assert SECRET in _xlsx_text(client.get("/rights/orders/?export=xlsx"))


def test_it_masks_claims_and_amounts_of_disputes(observer, personas, dispute):
    client = observer.client()
    detail = client.get(f"/rights/disputes/{dispute.pk}/").content.decode()
    assert "12345.67" not in detail and "***" in detail and SECRET not in detail
    listing = client.get("/rights/disputes/").content.decode()
    assert "12345.67" not in listing and "***" in listing
    exported = _xlsx_text(client.get("/rights/disputes/?export=xlsx"))
    assert "12345.67" not in exported and "***" in exported
    cadre = personas["owner"].client()
    assert "12345.67" in cadre.get(f"/rights/disputes/{dispute.pk}/").content.decode()
    assert "12345.67" in _xlsx_text(cadre.get("/rights/disputes/?export=xlsx"))


def test_it_does_not_sort_by_a_masked_amount(observer, dispute):
    response = observer.client().get("/rights/disputes/?sort=claimed_amount")
    assert response.context["table"].sort == "-accepted_on"


def test_it_masks_in_the_api(observer, personas, order, dispute):
    client = observer.client()
    body = client.get(f"/api/v1/rights/work-orders/{order.pk}/").json()
    assert body["content"] == MASK
    body = client.get(f"/api/v1/rights/disputes/{dispute.pk}/").json()
    assert (body["claimed_amount"], body["claim"]) == ("***", MASK)
    cadre = personas["owner"].client()
    assert cadre.get(f"/api/v1/rights/work-orders/{order.pk}/").json()["content"] == SECRET
    assert (
        cadre.get(f"/api/v1/rights/disputes/{dispute.pk}/").json()["claimed_amount"] == "12345.67"
    )


def test_it_keeps_sensitive_text_out_of_the_audit_log(personas, order, dispute):
    from gonghui.core.models import AuditEntry

    for entry in AuditEntry.objects.filter(action__startswith="rights."):
        assert SECRET not in str(entry.changes)
        assert "12345.67" not in str(entry.changes)
