"""帮扶活动 (送温暖, 金秋助学, 夏送清凉, 专项): who is eligible, the batch list built from the
files in force in the campaign unit's subtree, its 公示, and the payments of the batch.

The amounts are parameters (assistance.parameters) in force on the campaign's start day for
each household's own unit, computed in the database for the whole batch at once; the list is
written with one bulk insert, and so are its payments and their reservations. A household is
on a list once and paid once per campaign (the partial unique constraint on Payment)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from gonghui.assistance.choices import (
    CAMPAIGN_PAYMENT_TYPES,
    LIVE_PAYMENT_STATUSES,
    CampaignKind,
    Category,
    FileStatus,
    StudentLevel,
)
from gonghui.assistance.models import (
    Campaign,
    CampaignEntry,
    FamilyMember,
    Fund,
    HardshipFile,
    InKindDistribution,
    Payment,
)
from gonghui.assistance.parameters import household_amount_key, student_amount_key
from gonghui.assistance.services.common import acting_user, require_cadre, within
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.constraints import constraint_errors
from gonghui.core.counters import next_value
from gonghui.core.errors import DomainError
from gonghui.core.parameters import get_spec
from gonghui.core.rules import rule, rule_expression
from gonghui.core.services import create_audited, transition
from gonghui.core.workdays import add_workdays
from gonghui.orgs.models import OrgUnit

MONEY = DecimalField(max_digits=14, decimal_places=2)
ZERO = Value(Decimal("0"), output_field=MONEY)
TWICE = "该户在本次活动中已有发放记录，不能重复发放"
BATCH_SIZE = 2000


def _codes(values: Iterable[Any] | None, choices: Any, label: str, field: str) -> list[str]:
    picked = list(dict.fromkeys(values or ()))
    for value in picked:
        inputs.choice(value, choices, label=label, field=field)
    return picked


def campaign_create(
    *,
    actor: Access,
    org_unit: OrgUnit,
    kind: str,
    title: str,
    starts_on: Any,
    ends_on: Any,
    fund: Fund | None = None,
    categories: Iterable[str] = (),
    student_levels: Iterable[str] = (),
    outdoor_only: bool = False,
) -> Campaign:
    """A campaign of ``org_unit`` for its subtree. ``categories``: the hardship categories it
    reaches (none: all); ``student_levels``: the levels 金秋助学 aids (none: all);
    ``outdoor_only``: 夏送清凉 for outdoor and high-temperature workers only."""
    org_unit = inputs.instance(org_unit, OrgUnit, label="组织单位", field="org_unit")
    require_cadre(actor=actor, unit=org_unit)
    start = inputs.date(starts_on, label="开始日期", field="starts_on")
    end = inputs.date(ends_on, label="结束日期", field="ends_on")
    if end < start:
        raise DomainError("结束日期不能早于开始日期", field="ends_on")
    if fund is not None:
        fund = inputs.instance(fund, Fund, label="默认资金", field="fund")
        if not within(fund.org_unit, org_unit):
            raise DomainError("默认资金须属于本单位或下级单位", field="fund")
    kind = inputs.choice(kind, CampaignKind, label="活动类型", field="kind")
    levels = _codes(student_levels, StudentLevel, "资助学段", "student_levels")
    if levels and kind != CampaignKind.AUTUMN:
        raise DomainError("只有金秋助学按学段资助", field="student_levels")
    campaign = Campaign(
        org_unit=org_unit,
        kind=kind,
        title=inputs.text(title, label="活动名称", field="title"),
        starts_on=start,
        ends_on=end,
        fund=fund,
        categories=_codes(categories, Category, "帮扶对象类别", "categories"),
        student_levels=levels,
        outdoor_only=bool(outdoor_only),
        created_by=acting_user(actor=actor),
    )
    return create_audited(actor=actor, obj=campaign, action="assistance.campaign.created")


def eligible_files(campaign: Campaign) -> QuerySet[HardshipFile]:
    """The files in force in the campaign unit's subtree that it reaches, each annotated
    with ``amount`` (parameters of its own unit on the start day) and ``students``."""
    files = HardshipFile.objects.filter(
        status=FileStatus.FILED, org_unit__path__startswith=campaign.org_unit.path
    )
    if campaign.categories:
        files = files.filter(category__in=campaign.categories)
    if campaign.outdoor_only:
        files = files.filter(outdoor_work=True)
    day = campaign.starts_on
    if campaign.kind != CampaignKind.AUTUMN:
        amount = Case(
            *(
                When(
                    category=category,
                    then=rule_expression(
                        household_amount_key(campaign.kind, category),
                        path="org_unit__path",
                        on=day,
                        output_field=MONEY,
                    ),
                )
                for category in Category.values
            ),
            default=ZERO,
            output_field=MONEY,
        )
        return files.annotate(amount=amount, students=Value(0))
    levels = campaign.student_levels or StudentLevel.values
    members = FamilyMember.objects.filter(file=OuterRef("pk"), student_level__in=levels)
    each = Case(
        *(
            When(
                student_level=level,
                then=rule_expression(
                    student_amount_key(level),
                    path="file__org_unit__path",
                    on=day,
                    output_field=MONEY,
                ),
            )
            for level in levels
        ),
        default=ZERO,
        output_field=MONEY,
    )
    per_file = members.order_by().values("file")
    return files.annotate(
        amount=Coalesce(Subquery(per_file.annotate(t=Sum(each)).values("t")), ZERO),
        students=Coalesce(Subquery(per_file.annotate(n=Count("pk")).values("n")), Value(0)),
    ).filter(students__gt=0)


def _unset_amounts(campaign: Campaign, files: QuerySet[HardshipFile]) -> None:
    """A kind paid in cash refuses a list where a household's amount is not set (0)."""
    if campaign.kind == CampaignKind.COOL:
        return  # 夏送清凉 may be in kind only
    unset = sorted(set(files.filter(amount__lte=0).values_list("category", flat=True)))
    if not unset:
        return
    if campaign.kind == CampaignKind.AUTUMN:
        names = "、".join(get_spec(student_amount_key(v)).label for v in StudentLevel.values)
        raise DomainError(f"金秋助学每生金额有为0的学段，请在参数设置中核对：{names}")
    names = "、".join(get_spec(household_amount_key(campaign.kind, c)).label for c in unset)
    raise DomainError(f"以下金额尚未设置（参数设置 → 帮扶活动）：{names}")


def _not_publicized(campaign: Campaign) -> None:
    if campaign.publicity_starts_on is not None:
        raise DomainError("名单已公示，不能重新生成")


def batch_build(*, actor: Access, campaign: Campaign) -> int:
    """(Re)build the list before its 公示: one row per eligible household; answers how many."""
    require_cadre(actor=actor, unit=campaign.org_unit)
    with transition(campaign, guard=_not_publicized):
        files = eligible_files(campaign)
        _unset_amounts(campaign, files)
        campaign.entries.all().delete()
        user = acting_user(actor=actor)
        rows = files.values_list(
            "pk", "org_unit_id", "person__name", "category", "amount", "students"
        )
        entries = CampaignEntry.objects.bulk_create(
            (
                CampaignEntry(
                    campaign=campaign,
                    file_id=pk,
                    org_unit_id=unit,
                    payee_name=name,
                    category=category,
                    amount=amount,
                    students=students,
                    created_by=user,
                )
                for pk, unit, name, category, amount, students in rows.iterator(chunk_size=2000)
            ),
            batch_size=BATCH_SIZE,
        )
        campaign.batch_built_at = timezone.now()
        campaign.save(update_fields=["batch_built_at", "updated_at"])
        log_action(
            actor=actor,
            action="assistance.campaign.batch_built",
            obj=campaign,
            changes={"households": len(entries)},
        )
    return len(entries)


def batch_publicize(*, actor: Access, campaign: Campaign, starts_on: Any, place: str) -> Campaign:
    """公示 of the list for the parameter's working days from ``starts_on`` (the holiday
    calendar counted); payments can be created only after it has ended."""
    require_cadre(actor=actor, unit=campaign.org_unit)
    start = inputs.date(starts_on, label="公示开始日期", field="starts_on")
    place = inputs.text(place, label="公示地点或渠道", field="place")
    with transition(campaign, guard=_not_publicized):
        if not campaign.entries.filter(removed_reason="").exists():
            raise DomainError("名单为空，请先生成发放名单")
        days = rule("campaign_publicity_workdays", unit=campaign.org_unit, on=start)
        campaign.publicity_starts_on = start
        campaign.publicity_ends_on = add_workdays(start - dt.timedelta(days=1), days)
        campaign.publicity_place = place
        campaign.save(
            update_fields=[
                "publicity_starts_on",
                "publicity_ends_on",
                "publicity_place",
                "updated_at",
            ]
        )
        log_action(
            actor=actor,
            action="assistance.campaign.publicized",
            obj=campaign,
            changes={"publicity": [str(start), str(campaign.publicity_ends_on)], "place": place},
        )
    return campaign


def entry_remove(*, actor: Access, entry: CampaignEntry, reason: str) -> CampaignEntry:
    """Take a household off the list (an objection upheld during 公示): it is not paid."""
    require_cadre(actor=actor, unit=entry.campaign.org_unit)
    reason = inputs.text(reason, label="移出原因", field="reason")

    def removable(locked: CampaignEntry) -> None:
        if locked.removed_reason:
            raise DomainError("该户已移出名单")
        live = Payment.objects.filter(
            campaign_id=locked.campaign_id, file_id=locked.file_id, status__in=LIVE_PAYMENT_STATUSES
        )
        if live.exists():
            raise DomainError("该户已生成发放记录，请先取消该笔发放")

    with transition(entry, guard=removable):
        entry.removed_reason = reason
        entry.save(update_fields=["removed_reason", "updated_at"])
        log_action(
            actor=actor,
            action="assistance.campaign.entry_removed",
            obj=entry.campaign,
            changes={"household": entry.payee_name, "reason": reason},
        )
    return entry


@dataclass(frozen=True)
class BatchPayments:
    created: int
    already: int  # households holding a live payment in the campaign already
    not_filed: int  # households whose file left 在档 since the list was built


def _publicity_over(campaign: Campaign) -> None:
    if campaign.publicity_ends_on is None:
        raise DomainError("发放名单须先公示，公示期满后才能发放")
    if timezone.localdate() <= campaign.publicity_ends_on:
        raise DomainError(
            f"名单公示至 {campaign.publicity_ends_on:%Y-%m-%d}，公示期满后才能生成发放"
        )


def batch_payments_create(*, actor: Access, campaign: Campaign) -> BatchPayments:
    """One 待审核 payment from the campaign's fund for every household on the list with an
    amount, after the 公示; a household holding a live payment in the campaign is skipped,
    and a parallel single payment for one of them is refused by the database (TWICE)."""
    require_cadre(actor=actor, unit=campaign.org_unit)
    with transition(campaign, guard=_publicity_over):
        if campaign.fund_id is None:
            raise DomainError("请先为本次活动指定默认资金", field="fund")
        live = Payment.objects.filter(
            campaign=campaign, file=OuterRef("file"), status__in=LIVE_PAYMENT_STATUSES
        )
        listed = campaign.entries.filter(removed_reason="", amount__gt=0).annotate(
            paid=Exists(live)
        )
        already = listed.filter(paid=True).count()
        todo = listed.filter(paid=False)
        not_filed = todo.exclude(file__status=FileStatus.FILED).count()
        rows = list(
            todo.filter(file__status=FileStatus.FILED).values_list(
                "file_id",
                "amount",
                "file__person__name",
                "file__bank_card_cipher",
                "file__bank_card_masked",
                "file__bank_name",
            )
        )
        created = _insert_payments(actor, campaign, rows)
        log_action(
            actor=actor,
            action="assistance.campaign.payments_created",
            obj=campaign,
            changes={"created": created, "already": already, "not_filed": not_filed},
        )
    return BatchPayments(created, already, not_filed)


def _insert_payments(actor: Access, campaign: Campaign, rows: list[tuple]) -> int:
    if not rows:
        return 0
    year = timezone.localdate().year
    first = next_value("assistance.payment", period=str(year), count=len(rows))
    user = acting_user(actor=actor)
    type_ = CAMPAIGN_PAYMENT_TYPES[campaign.kind]
    payments = [
        Payment(
            number=f"BF{year}{first + n:06d}",
            org_unit_id=campaign.fund.org_unit_id,
            fund_id=campaign.fund_id,
            file_id=file_id,
            campaign=campaign,
            type=type_,
            amount=amount,
            payee_name=name,
            bank_card_cipher=cipher,
            bank_card_masked=masked,
            bank_name=bank,
            note=campaign.title[:200],
            created_by=user,
        )
        for n, (file_id, amount, name, cipher, masked, bank) in enumerate(rows)
    ]
    with constraint_errors(Payment, messages={"payment_once_per_campaign": (TWICE, "file")}):
        Payment.objects.bulk_create(payments, batch_size=BATCH_SIZE)
    return len(payments)


def inkind_record(
    *,
    actor: Access,
    campaign: Campaign,
    org_unit: OrgUnit,
    item: str,
    quantity: Any,
    distributed_on: Any,
    file: HardshipFile | None = None,
    note: str = "",
) -> InKindDistribution:
    """Items (清凉包, 慰问品) a unit of the campaign's subtree handed out, to one household of
    its own or to its workers at large; the campaign's totals are the sums of these rows."""
    org_unit = inputs.instance(org_unit, OrgUnit, label="发放单位", field="org_unit")
    require_cadre(actor=actor, unit=org_unit)
    if not within(org_unit, campaign.org_unit):
        raise DomainError("发放单位须是本次活动组织单位或其下级单位", field="org_unit")
    if file is not None:
        file = inputs.instance(file, HardshipFile, label="困难职工档案", field="file")
        if not within(file.org_unit, org_unit):
            raise DomainError("该户不属于发放单位", field="file")
    day = inputs.past_date(distributed_on, label="发放日期", field="distributed_on")
    if not campaign.starts_on <= day <= campaign.ends_on:
        raise DomainError(
            f"发放日期须在活动期间（{campaign.starts_on:%Y-%m-%d} 至 {campaign.ends_on:%Y-%m-%d}）",
            field="distributed_on",
        )
    row = InKindDistribution(
        campaign=campaign,
        org_unit=org_unit,
        file=file,
        item=inputs.text(item, label="物品", field="item"),
        quantity=inputs.count(quantity, label="数量", field="quantity", minimum=1),
        distributed_on=day,
        note=inputs.text(note, label="说明", field="note", required=False),
        created_by=acting_user(actor=actor),
    )
    with transaction.atomic(), constraint_errors(InKindDistribution):
        row.save()
        log_action(
            actor=actor,
            action="assistance.campaign.in_kind",
            obj=campaign,
            org_unit=org_unit,
            changes={"item": row.item, "quantity": row.quantity},
        )
    return row
