"""Reads of the assistance work line, scoped to the acting user (404 outside it)."""

from __future__ import annotations

from django.db.models import QuerySet

from gonghui.assistance.models import Campaign, Fund, FundEntry, HardshipFile, Payment
from gonghui.core.access import Access
from gonghui.core.scoping import get_scoped_or_404, scoped


def files_for(access: Access) -> QuerySet[HardshipFile]:
    return scoped(access, HardshipFile.objects.select_related("person", "org_unit"))


def get_file_for(access: Access, pk: int) -> HardshipFile:
    return get_scoped_or_404(access, files_for(access), pk=pk)


def funds_for(access: Access) -> QuerySet[Fund]:
    return scoped(access, Fund.objects.select_related("org_unit"))


def get_fund_for(access: Access, pk: int) -> Fund:
    return get_scoped_or_404(access, funds_for(access), pk=pk)


def entries_for(access: Access) -> QuerySet[FundEntry]:
    return scoped(access, FundEntry.objects.select_related("fund"))


def campaigns_for(access: Access) -> QuerySet[Campaign]:
    return scoped(access, Campaign.objects.select_related("org_unit"))


def payments_for(access: Access) -> QuerySet[Payment]:
    return scoped(access, Payment.objects.select_related("fund", "file", "campaign", "org_unit"))


def get_payment_for(access: Access, pk: int) -> Payment:
    return get_scoped_or_404(access, payments_for(access), pk=pk)
