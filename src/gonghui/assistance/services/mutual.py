"""职工医疗互助: schemes, group enrolment by a grassroots union from its roster, and the
confirmation of the group's premium. Enrolment happens only inside the scheme's window, only
for people on the union's roster, and only when the group reaches the participation floor
(every member in a small unit); nothing of a refused enrolment is saved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_CEILING, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from gonghui.assistance.models import MutualEnrolment, MutualGroup, MutualScheme
from gonghui.assistance.mutual_choices import AUDIT_LABELS, GroupStatus
from gonghui.assistance.services.common import acting_user, require_cadre, require_status, within
from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.audit import log_action, register_action_labels
from gonghui.core.constraints import constraint_errors
from gonghui.core.errors import DomainError
from gonghui.core.services import create_audited, lock, step_audited, transition
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import OrgUnit

HUNDRED = Decimal("100")
register_action_labels(AUDIT_LABELS)


def _percent(value: Any, *, label: str, field: str, minimum_exclusive: bool) -> Decimal:
    number = inputs.number(value, label=label, field=field)
    if number > HUNDRED or number < 0 or (minimum_exclusive and number == 0):
        low = "大于0" if minimum_exclusive else "不小于0"
        raise DomainError(f"{label}应{low}且不超过100%", field=field)
    if number != number.quantize(Decimal("0.01")):
        raise DomainError(f"{label}最多两位小数", field=field)
    return number


# The terms of a scheme, as ``mutual_scheme_create`` / ``mutual_scheme_update`` take them.
SCHEME_FIELDS = (
    "name",
    "premium_per_share",
    "max_shares",
    "enrol_from",
    "enrol_to",
    "cover_from",
    "cover_to",
    "waiting_days",
    "deductible",
    "payout_percent",
    "annual_cap",
    "claim_days",
    "participation_floor",
    "all_staff_below",
    "second_round_threshold",
    "note",
)


def scheme_terms(values: dict[str, Any]) -> dict[str, Any]:
    """The scheme's parameters checked one by one and against each other."""
    terms = {
        "name": inputs.text(values.get("name"), label="方案名称", field="name"),
        "premium_per_share": inputs.money(
            values.get("premium_per_share"),
            label="每份互助金",
            field="premium_per_share",
            positive=True,
        ),
        "max_shares": inputs.count(
            values.get("max_shares", 1), label="每人最多份数", field="max_shares", minimum=1
        ),
        "enrol_from": inputs.date(values.get("enrol_from"), label="参加期开始", field="enrol_from"),
        "enrol_to": inputs.date(values.get("enrol_to"), label="参加期结束", field="enrol_to"),
        "cover_from": inputs.date(values.get("cover_from"), label="保障期开始", field="cover_from"),
        "cover_to": inputs.date(values.get("cover_to"), label="保障期结束", field="cover_to"),
        "waiting_days": inputs.count(
            values.get("waiting_days", 0), label="首次参加等待期", field="waiting_days", maximum=730
        ),
        "deductible": inputs.money(values.get("deductible", 0), label="起付线", field="deductible"),
        "payout_percent": _percent(
            values.get("payout_percent"),
            label="给付比例",
            field="payout_percent",
            minimum_exclusive=True,
        ),
        "annual_cap": inputs.money(
            values.get("annual_cap"), label="每人年度封顶", field="annual_cap", positive=True
        ),
        "claim_days": inputs.count(
            values.get("claim_days"), label="申领时限", field="claim_days", minimum=1, maximum=3650
        ),
        "participation_floor": _percent(
            values.get("participation_floor", 0),
            label="团体参保比例下限",
            field="participation_floor",
            minimum_exclusive=False,
        ),
        "all_staff_below": inputs.count(
            values.get("all_staff_below", 0), label="全员参加的单位规模", field="all_staff_below"
        ),
        "second_round_threshold": inputs.money(
            values.get("second_round_threshold", 0),
            label="二次救助起点",
            field="second_round_threshold",
        ),
        "note": inputs.text(values.get("note", ""), label="说明", field="note", required=False),
    }
    if terms["enrol_to"] < terms["enrol_from"]:
        raise DomainError("参加期结束不能早于参加期开始", field="enrol_to")
    if terms["cover_to"] <= terms["cover_from"]:
        raise DomainError("保障期结束须晚于保障期开始", field="cover_to")
    if terms["enrol_to"] > terms["cover_to"]:
        raise DomainError("参加期须在保障期结束之前（参加期在保障期之前或之内）", field="enrol_to")
    return terms


def mutual_scheme_create(*, actor: Access, org_unit: OrgUnit, **values: Any) -> MutualScheme:
    """A scheme of ``org_unit`` (usually a federation) for its subtree. ``values``: name,
    premium_per_share, max_shares, enrol_from, enrol_to, cover_from, cover_to, waiting_days,
    deductible, payout_percent, annual_cap, claim_days, participation_floor,
    all_staff_below, second_round_threshold, note."""
    unit = inputs.instance(org_unit, OrgUnit, label="举办单位", field="org_unit")
    require_cadre(actor=actor, unit=unit)
    terms = scheme_terms(values)
    scheme = MutualScheme(org_unit=unit, created_by=acting_user(actor=actor), **terms)
    return create_audited(actor=actor, obj=scheme, action="assistance.mutual_scheme.created")


def mutual_scheme_editable(*, actor: Access, scheme: MutualScheme) -> bool:
    """Whether ``actor`` may change the scheme's terms: its own scope, and no union enrolled."""
    try:
        require_cadre(actor=actor, unit=scheme.org_unit)
    except DomainError:
        return False
    return not scheme.groups.exists()


def mutual_scheme_update(*, actor: Access, scheme: MutualScheme, **values: Any) -> MutualScheme:
    """The terms change only while no union has enrolled: enrolled people joined on them."""
    require_cadre(actor=actor, unit=scheme.org_unit)
    terms = scheme_terms(values)
    with transition(scheme):
        if scheme.groups.exists():
            raise DomainError("已有单位参保，方案条款不能再修改")
        before = {k: str(getattr(scheme, k)) for k in terms}
        for key, value in terms.items():
            setattr(scheme, key, value)
        with constraint_errors(MutualScheme):
            scheme.save()
        changes = {k: [before[k], str(v)] for k, v in terms.items() if before[k] != str(v)}
        log_action(
            actor=actor, action="assistance.mutual_scheme.updated", obj=scheme, changes=changes
        )
    return scheme


def roster_size(union: OrgUnit) -> int:
    return Membership.objects.filter(union=union, status=MembershipStatus.ACTIVE).count()


def _is_renewal(scheme: MutualScheme, person: Person) -> bool:
    """Enrolled (and paid) in a scheme of the same union whose cover ended the day before."""
    return MutualEnrolment.objects.filter(
        person=person,
        group__status=GroupStatus.PAID,
        scheme__org_unit=scheme.org_unit,
        scheme__cover_to=scheme.cover_from - dt.timedelta(days=1),
    ).exists()


def _people(
    scheme: MutualScheme, union: OrgUnit, people: Sequence[tuple[Any, Any]]
) -> list[tuple[Person, int]]:
    if isinstance(people, str) or not isinstance(people, Sequence) or not people:
        raise DomainError("请填写参保人员", field="people")
    cleaned: list[tuple[Person, int]] = []
    seen: set[int] = set()
    for n, pair in enumerate(people, start=1):
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            raise DomainError(f"第{n}位参保人员的信息无效", field="people")
        person = inputs.instance(pair[0], Person, label=f"第{n}位参保人员", field="people")
        shares = inputs.count(
            pair[1],
            label=f"{person.name}的份数",
            field="people",
            minimum=1,
            maximum=scheme.max_shares,
        )
        if person.pk in seen:
            raise DomainError(f"{person.name}重复填写", field="people")
        seen.add(person.pk)
        cleaned.append((person, shares))
    on_roster = set(
        Membership.objects.filter(
            union=union, status=MembershipStatus.ACTIVE, person_id__in=seen
        ).values_list("person_id", flat=True)
    )
    outside = [p.name for p, _s in cleaned if p.pk not in on_roster]
    if outside:
        raise DomainError(f"不是本工会在册会员，不能参保：{'、'.join(outside)}", field="people")
    return cleaned


def check_floor(scheme: MutualScheme, *, people: int, staff: int) -> None:
    """The group participation floor: every member in a unit of at most ``all_staff_below``,
    else at least ``participation_floor`` % of the roster (rounded up to a whole person)."""
    if staff <= scheme.all_staff_below:
        if people < staff:
            raise DomainError(
                f"在册会员{staff}人，不超过{scheme.all_staff_below}人的单位须全员参加"
                f"（现{people}人）",
                field="people",
            )
        return
    needed = int((Decimal(staff) * scheme.participation_floor / HUNDRED).to_integral(ROUND_CEILING))
    if people < needed:
        raise DomainError(
            f"参保人数未达团体参保比例：在册会员{staff}人，须至少{needed}人"
            f"（{scheme.participation_floor.normalize():f}%），现{people}人",
            field="people",
        )


def _recount(group: MutualGroup) -> None:
    """The group's people, shares and premium due counted again from its enrolments in the
    database, checked against the participation floor, and saved."""
    totals = group.enrolments.aggregate(shares=Sum("shares"))
    group.people = group.enrolments.count()
    group.shares = totals["shares"] or 0
    group.premium_due = group.shares * group.scheme.premium_per_share
    check_floor(group.scheme, people=group.people, staff=group.staff_count)
    group.save(update_fields=["people", "shares", "premium_due", "updated_at"])


def mutual_group_enrol(
    *,
    actor: Access,
    scheme: MutualScheme,
    org_unit: OrgUnit,
    people: Sequence[tuple[Person, int]],
    enrolled_on: Any = None,
) -> MutualGroup:
    """团体申请: ``people`` (person, shares) of ``org_unit``'s roster join ``scheme``. A union
    that applied already adds to its group until the premium is confirmed."""
    scheme = inputs.instance(scheme, MutualScheme, label="互助方案", field="scheme")
    union = inputs.instance(org_unit, OrgUnit, label="参保单位工会", field="org_unit")
    require_cadre(actor=actor, unit=union)
    if union.kind != OrgKind.GRASSROOTS:
        raise DomainError("团体参保须由基层工会办理", field="org_unit")
    if not within(union, scheme.org_unit):
        raise DomainError("该工会不在本互助方案的举办范围内", field="org_unit")
    day = inputs.optional_date(enrolled_on, label="参加日期", field="enrolled_on")
    day = day or timezone.localdate()
    if not scheme.enrol_from <= day <= scheme.enrol_to:
        raise DomainError(
            f"不在参加期内：{scheme.name}参加期为{scheme.enrol_from:%Y-%m-%d}至"
            f"{scheme.enrol_to:%Y-%m-%d}",
            field="enrolled_on",
        )
    rows = _people(scheme, union, people)
    with transaction.atomic():
        group = MutualGroup.objects.filter(scheme=scheme, org_unit=union).first()
        if group is None:
            group = MutualGroup(
                scheme=scheme,
                org_unit=union,
                applied_on=day,
                staff_count=roster_size(union),
                created_by=acting_user(actor=actor),
            )
            with constraint_errors(MutualGroup):
                group.save()
        else:
            lock(group)
            if group.status != GroupStatus.APPLIED:
                raise DomainError("本单位已缴费确认，保障期内不再增加参保人员", field="people")
        taken = MutualEnrolment.objects.filter(scheme=scheme, person__in=[p for p, _s in rows])
        if taken.exists():
            names = "、".join(e.person.name for e in taken.select_related("person"))
            raise DomainError(f"已参加本互助方案：{names}", field="people")
        for person, shares in rows:
            first = not _is_renewal(scheme, person)
            start = max(scheme.cover_from, day)
            waiting = dt.timedelta(days=scheme.waiting_days if first else 0)
            enrolment = MutualEnrolment(
                scheme=scheme,
                group=group,
                person=person,
                shares=shares,
                first_enrolment=first,
                enrolled_on=day,
                covered_from=(start + waiting) if first else scheme.cover_from,
                created_by=acting_user(actor=actor),
            )
            with constraint_errors(MutualEnrolment):
                enrolment.save()
        _recount(group)
        log_action(
            actor=actor,
            action="assistance.mutual_group.enrolled",
            obj=group,
            changes={"people": len(rows), "premium_due": str(group.premium_due)},
        )
    return group


def mutual_group_confirm_payment(
    *, actor: Access, group: MutualGroup, paid_on: Any, amount: Any, payment_ref: str = ""
) -> MutualGroup:
    """缴费确认: the amount received must be the premium due (shares × premium per share)."""
    require_cadre(actor=actor, unit=group.org_unit)
    day = inputs.past_date(paid_on, label="缴费日期", field="paid_on")
    received = inputs.money(amount, label="缴费金额", field="amount", positive=True)
    ref = inputs.text(payment_ref, label="缴费凭证号", field="payment_ref", required=False)
    applied = require_status((GroupStatus.APPLIED,), "只有团体申请状态可以确认缴费")

    def due(locked: MutualGroup) -> None:
        applied(locked)
        if day < locked.applied_on:
            raise DomainError("缴费日期不能早于团体申请日期", field="paid_on")
        if received != locked.premium_due:
            raise DomainError(
                f"缴费金额应为{locked.premium_due}元（{locked.shares}份 × "
                f"{locked.scheme.premium_per_share}元），实收{received}元",
                field="amount",
            )

    return step_audited(
        actor=actor,
        obj=group,
        action="assistance.mutual_group.paid",
        guard=due,
        values={
            "status": GroupStatus.PAID,
            "paid_on": day,
            "payment_ref": ref,
            "confirmed_by": acting_user(actor=actor),
        },
        changes={"amount": str(received)},
    )


def mutual_enrolment_remove(*, actor: Access, enrolment: MutualEnrolment) -> MutualGroup:
    """A person taken out of a group enrolment (enrolled by mistake, left the unit) before
    缴费确认; the group's people, shares and premium due are counted again. After the premium
    is confirmed the people are covered for the whole period and nobody is removed."""
    enrolment = inputs.instance(enrolment, MutualEnrolment, label="参保人员", field="enrolment")
    group = enrolment.group
    require_cadre(actor=actor, unit=group.org_unit)
    applied = require_status((GroupStatus.APPLIED,), "本单位已缴费确认，参保人员不能再移出")
    with transition(group, guard=applied):
        locked = MutualEnrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        if locked is None or locked.group_id != group.pk:
            raise DomainError("该参保人员已移出")
        name = enrolment.person.name
        locked.delete()
        try:
            _recount(group)
        except DomainError as exc:
            raise DomainError(f"不能移出{name}：{exc.message}", field=exc.field) from exc
        log_action(
            actor=actor,
            action="assistance.mutual_group.removed",
            obj=group,
            changes={
                "person": name,
                "shares": locked.shares,
                "people": group.people,
                "premium_due": str(group.premium_due),
            },
        )
    return group
