"""Demo funds, campaigns and payments: the district's 温暖基金, 上级专项, 财政 and 社会捐助
funds and each street's 本级 fund, funded through the service; this year's 元旦春节送温暖 and
金秋助学 with paid, failed (some re-issued) payments; everyday 生活/医疗救助 over two years,
and a few payments still 待审核, 已审核 or 已取消.

Payments and their ledger entries are written in bulk, the entries exactly as the services
post them (审核占用, 发放支出, 释放占用); each fund's balance and reservation are then set to
the sums of its ledger, so balance = sum of entries holds by construction."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.choices import (
    AssistanceType,
    CampaignKind,
    Category,
    EntryKind,
    FileStatus,
    FundKind,
    PaymentStatus,
)
from gonghui.assistance.demo_files import DemoFile
from gonghui.assistance.models import Campaign, Fund, FundEntry, Payment
from gonghui.core.access import Access
from gonghui.core.counters import next_value
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import OrgUnit

WARMTH_AMOUNTS = {
    Category.DEEP: Decimal(1000),
    Category.RELATIVE: Decimal(600),
    Category.ACCIDENT: Decimal(800),
    Category.MIGRANT: Decimal(600),
}
FAILURES = ("卡号错误", "户名与卡号不符", "账户已冻结")
DISTRICT_FUNDS = (
    ("温暖基金", FundKind.WARMTH),
    ("上级工会帮扶专项资金", FundKind.UPPER),
    ("区财政帮扶配套资金", FundKind.FISCAL),
    ("社会捐助资金", FundKind.DONATION),
)


def _in_force(record: DemoFile, day: dt.date) -> bool:
    file = record.file
    return (
        file.filed_on is not None
        and file.filed_on <= day
        and (file.exited_on is None or file.exited_on > day)
    )


@dataclass
class Plan:
    """A payment to write: its row, and the days of its approval and its end (paid/failed)."""

    payment: Payment
    approved_on: dt.date | None
    ended_on: dt.date | None = None
    reissue_of: Payment | None = None  # linked once both are saved


class MoneyWriter:
    def __init__(self, *, district, today, rng: random.Random, actor: Access, approver):
        self.district, self.today, self.rng, self.actor = district, today, rng, actor
        self.user, self.approver = actor.user, approver or actor.user
        self.plans: list[Plan] = []

    def funds(self) -> dict[str, Fund]:
        """The district's funds by kind, and each street's 本级 fund by street path."""
        made = {}
        for name, kind in DISTRICT_FUNDS:
            made[kind] = services.fund_create(
                actor=self.actor, org_unit=self.district, name=name, kind=kind
            )
        streets = OrgUnit.objects.filter(
            path__startswith=self.district.path,
            depth=self.district.depth + 1,
            kind=OrgKind.STREET_FEDERATION,
        )
        for street in streets.order_by("path"):
            made[street.path] = services.fund_create(
                actor=self.actor, org_unit=street, name="本级帮扶资金", kind=FundKind.OWN
            )
        return made

    def pay(self, fund, record: DemoFile | None, type_: str, amount: Decimal, day: dt.date, **kw):
        """A payment approved on ``day`` and then paid (or failed: ``failed`` names why)."""
        rng = self.rng
        failed = kw.pop("failed", "")
        reissue_of = kw.pop("reissue_of", None)
        status = kw.pop("status", PaymentStatus.FAILED if failed else PaymentStatus.PAID)
        ended = min(day + dt.timedelta(days=rng.randint(2, 9)), self.today)
        payment = Payment(
            org_unit=fund.org_unit,
            fund=fund,
            file=record.file if record else None,
            type=type_,
            amount=amount,
            status=status,
            payee_name=record.file.person.name if record else kw.pop("payee_name"),
            bank_card=record.card if record else kw.pop("card"),
            bank_name=record.file.bank_name if record else "农业银行",
            created_by=self.user,
            failure_reason=failed,
            **kw,
        )
        approved = status != PaymentStatus.PENDING and not (
            status == PaymentStatus.CANCELLED and rng.random() < 0.5
        )
        if approved:
            payment.approved_by = self.approver
            payment.approved_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        if status == PaymentStatus.PAID:
            payment.paid_on, payment.proof = ended, f"HD{ended:%Y%m%d}{rng.randint(1000, 9999)}"
        self.plans.append(Plan(payment, day if approved else None, ended, reissue_of))
        return payment

    def warmth(self, funds, records: list[DemoFile]) -> Campaign:
        """元旦春节送温暖 of this year: every household on file on its first day."""
        year = self.today.year - (self.today < dt.date(self.today.year, 2, 20))
        campaign = services.campaign_create(
            actor=self.actor,
            org_unit=self.district,
            kind=CampaignKind.WARMTH,
            title=f"{year}年元旦春节送温暖",
            starts_on=dt.date(year, 1, 6),
            ends_on=dt.date(year, 2, 12),
            fund=funds[FundKind.WARMTH],
        )
        for n, record in enumerate(r for r in records if _in_force(r, campaign.starts_on)):
            day = campaign.starts_on + dt.timedelta(days=self.rng.randint(0, 20))
            amount = WARMTH_AMOUNTS[record.file.category]
            failed = self.rng.choice(FAILURES) if n % 17 == 5 else ""
            first = self.pay(
                funds[FundKind.WARMTH],
                record,
                AssistanceType.WARMTH,
                amount,
                day,
                campaign=campaign,
                failed=failed,
            )
            if failed and n % 2:  # re-issued to the corrected card, and paid
                again = self.pay(
                    funds[FundKind.WARMTH],
                    record,
                    AssistanceType.WARMTH,
                    amount,
                    day + dt.timedelta(days=12),
                    campaign=campaign,
                    reissue_of=first,
                )
                again.note = "原卡号错误，更正后重新发放"
        return campaign

    def autumn(self, funds, records: list[DemoFile], outsiders) -> Campaign:
        """金秋助学 of this year: children of households on file (5000 本科/高职, 3000 高中/中职)
        and a few members' children not on file (4000 / 2000), as Tianmen 2024 did."""
        year = self.today.year - (self.today < dt.date(self.today.year, 9, 20))
        campaign = services.campaign_create(
            actor=self.actor,
            org_unit=self.district,
            kind=CampaignKind.AUTUMN,
            title=f"{year}年金秋助学",
            starts_on=dt.date(year, 8, 1),
            ends_on=dt.date(year, 9, 15),
            fund=funds[FundKind.UPPER],
        )
        fund, rng = funds[FundKind.UPPER], self.rng
        eligible = [r for r in records if r.students and _in_force(r, campaign.starts_on)]
        for n, record in enumerate(eligible):
            name, school = record.students[0]
            higher = "本科" in school or "高职" in school
            amount = Decimal(5000 if higher else 3000)
            day = campaign.starts_on + dt.timedelta(days=rng.randint(10, 30))
            failed = rng.choice(FAILURES) if n % 13 == 4 else ""
            self.pay(
                fund,
                record,
                AssistanceType.SCHOOLING,
                amount,
                day,
                campaign=campaign,
                failed=failed,
                note=f"学生：{name}，{school}",
            )
        for person in outsiders:
            higher = rng.random() < 0.5
            day = campaign.starts_on + dt.timedelta(days=rng.randint(10, 30))
            self.pay(
                fund,
                None,
                AssistanceType.SCHOOLING,
                Decimal(4000 if higher else 2000),
                day,
                campaign=campaign,
                payee_name=person.name,
                card="6228" + "".join(str(rng.randint(0, 9)) for _ in range(15)),
                note="非建档困难职工子女" + ("（本科）" if higher else "（高中）"),
            )
        return campaign

    def everyday(self, funds, records: list[DemoFile]) -> None:
        """生活救助 and 医疗救助 over last year and this: from the street's 本级 fund or the
        district's 财政 / 社会捐助 funds; the latest few still 待审核, 已审核 or 已取消."""
        rng, today = self.rng, self.today
        start = dt.date(today.year - 1, 1, 10)
        span = (today - start).days - 20
        for record in records:
            if record.file.filed_on is None or rng.random() < 0.55:
                continue
            day = start + dt.timedelta(days=rng.randint(0, span))
            if not _in_force(record, day):
                continue
            street = record.file.org_unit.path[: len(self.district.path) + 4]
            fund = funds.get(street) if rng.random() < 0.6 else None
            fund = fund or funds[rng.choice((FundKind.FISCAL, FundKind.DONATION))]
            medical = record.file.diagnosis and rng.random() < 0.7
            type_ = AssistanceType.MEDICAL if medical else AssistanceType.LIVING
            amount = Decimal(rng.choice((500, 800, 1000, 1500, 2000, 3000)))
            self.pay(fund, record, type_, amount, day)
        recent = [r for r in records if r.file.status == FileStatus.FILED][-6:]
        for record, status in zip(
            recent,
            (
                PaymentStatus.PENDING,
                PaymentStatus.PENDING,
                PaymentStatus.APPROVED,
                PaymentStatus.CANCELLED,
            ),
            strict=False,
        ):
            reason = "重复申报" if status == PaymentStatus.CANCELLED else ""
            self.pay(
                funds[FundKind.FISCAL],
                record,
                AssistanceType.LIVING,
                Decimal(800),
                today - dt.timedelta(days=2),
                status=status,
                failed=reason,
            )

    def write(self, funds) -> None:
        """Fund the funds (through the service, before the year's payments), then write the
        payments and their entries, then set each fund from its ledger."""
        need: dict[int, Decimal] = {}
        for plan in self.plans:
            if plan.approved_on:
                need[plan.payment.fund_id] = need.get(plan.payment.fund_id, 0) + plan.payment.amount
        for fund in {f.pk: f for f in funds.values()}.values():
            income = (need.get(fund.pk, Decimal(0)) * Decimal("1.3") / 10000 + 1).quantize(
                Decimal("1")
            ) * 10000
            for year in (self.today.year - 1, self.today.year):
                services.fund_income(
                    actor=self.actor,
                    fund=fund,
                    amount=income / 2,
                    entry_on=min(dt.date(year, 1, 2), self.today),
                    note=f"{year}年度拨付",
                )
        self._number()
        Payment.objects.bulk_create([p.payment for p in self.plans], batch_size=500)
        reissued = [p for p in self.plans if p.reissue_of is not None]
        for plan in reissued:
            plan.payment.reissue_of = plan.reissue_of
        Payment.objects.bulk_update([p.payment for p in reissued], ["reissue_of"])
        FundEntry.objects.bulk_create(
            [e for plan in self.plans for e in self._entries(plan)], batch_size=1000
        )
        for fund in Fund.objects.filter(org_unit__path__startswith=self.district.path):
            sums = fund.entries.aggregate(b=Sum("balance_change"), r=Sum("reserved_change"))
            Fund.objects.filter(pk=fund.pk).update(balance=sums["b"] or 0, reserved=sums["r"] or 0)

    def _number(self) -> None:
        by_year: dict[int, list[Payment]] = {}
        for plan in sorted(self.plans, key=lambda p: p.approved_on or self.today):
            by_year.setdefault((plan.approved_on or self.today).year, []).append(plan.payment)
        for year, payments in by_year.items():
            first = next_value("assistance.payment", period=str(year), count=len(payments))
            for n, payment in enumerate(payments, start=first):
                payment.number = f"BF{year}{n:06d}"

    def _entries(self, plan: Plan) -> list[FundEntry]:
        """The ledger rows the services would have posted for the payment's life so far."""
        p = plan.payment
        if plan.approved_on is None:
            return []

        def entry(kind, on, balance, reserved, note):
            return FundEntry(
                fund=p.fund,
                kind=kind,
                amount=p.amount,
                balance_change=balance,
                reserved_change=reserved,
                entry_on=on,
                payment=p,
                note=note,
                created_by=self.user,
            )

        rows = [entry(EntryKind.RESERVE, plan.approved_on, 0, p.amount, f"审核 {p.number}")]
        if p.status == PaymentStatus.PAID:
            note = f"发放 {p.number} {p.payee_name}"
            rows.append(entry(EntryKind.PAYOUT, p.paid_on, -p.amount, -p.amount, note))
        elif p.status in (PaymentStatus.FAILED, PaymentStatus.CANCELLED):
            note = f"释放 {p.number}：{p.failure_reason}"
            rows.append(entry(EntryKind.RELEASE, plan.ended_on, 0, -p.amount, note))
        return rows
