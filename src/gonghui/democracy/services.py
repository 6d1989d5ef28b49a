"""Writes on congresses, representatives, 厂务公开 and board seats: one function per use
case, transactional, each audited. Sessions are in ``services_sessions``.

Rules that never block a save (form vs size, composition) come back as warnings; rules that
do (term 3–5 years, counts within the total, one active congress per enterprise) raise
``DomainError`` or the model's constraint message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum

from gonghui.core.access import Access
from gonghui.core.audit import diff, diff_links, link_pks, log_action, snapshot
from gonghui.core.errors import DomainError
from gonghui.core.rules import rule
from gonghui.core.services import (
    apply_fields,
    create_audited,
    end_audited,
    lock,
    save_unique,
    transition,
    update_audited,
    validate,
)
from gonghui.democracy import checks, rules
from gonghui.democracy.choices import (
    MANAGER_CATEGORIES,
    Channel,
    CongressForm,
    CongressScope,
    CongressStatus,
    Frequency,
    RepCategory,
)
from gonghui.democracy.models import (
    TERM_MAX,
    TERM_MIN,
    Congress,
    Disclosure,
    DisclosureItem,
    Representative,
)
from gonghui.democracy.services_boards import enterprise_record
from gonghui.orgs.choices import EnterpriseStatus, OrgStatus
from gonghui.orgs.models import Enterprise

CONGRESS_FIELDS = {
    "name",
    "org_unit",
    "scope",
    "form",
    "established_on",
    "term_started_on",
    "term_years",
    "representatives_total",
    "frontline_count",
    "managers_count",
    "women_count",
}
COUNT_FIELDS = ("representatives_total", "frontline_count", "managers_count", "women_count")
AUDIT_FIELDS = sorted(CONGRESS_FIELDS | {"term_ends_on", "status"})


# --- warnings ------------------------------------------------------------------------------


def congress_staff(congress: Congress) -> tuple[int, int]:
    """All staff and women staff of the enterprises the congress covers (one query; the list's
    annotation when present)."""
    if hasattr(congress, "staff_total"):
        return congress.staff_total, getattr(congress, "staff_women", 0)
    staff = congress.enterprises.aggregate(
        total=Sum("employees_total", default=0), women=Sum("employees_women", default=0)
    )
    return staff["total"], staff["women"]


def congress_size(congress: Congress) -> dict[str, Any]:
    """企业民主管理规定 art. 21 for a 职工代表大会: staff covered, representatives required (None
    for a 职工大会, where all staff attend) and whether the congress has fewer."""
    staff, _ = congress_staff(congress)
    if congress.form != CongressForm.REPRESENTATIVE:
        return {"staff": staff, "required": None, "short": False}
    required = rules.representatives_required(staff, unit=congress.org_unit)
    return {
        "staff": staff,
        "required": required,
        "short": congress.representatives_total < required,
    }


def congress_warnings(congress: Congress) -> list[str]:
    """Form vs size, number of representatives (art. 21) and composition warnings."""
    total, women = congress_staff(congress)
    women_share = women * 100 / total if total else None
    warnings = []
    form = rules.form_warning(congress.form, total, unit=congress.org_unit)
    if form:
        warnings.append(form)
    size = rules.size_warning(
        congress.form,
        representatives=congress.representatives_total,
        staff=total,
        unit=congress.org_unit,
    )
    if size:
        warnings.append(size)
    warnings += rules.composition_warnings(
        total=congress.representatives_total,
        frontline=congress.frontline_count,
        managers=congress.managers_count,
        women=congress.women_count,
        staff_women_share=women_share,
    )
    return warnings


# --- congresses ----------------------------------------------------------------------------


def _check_enterprises(congress: Congress, enterprises: list[Enterprise]) -> None:
    if not enterprises:
        raise DomainError("请选择职代会覆盖的用人单位", field="enterprises")
    if congress.scope == CongressScope.SINGLE and len(enterprises) != 1:
        raise DomainError("单一企业职代会只能覆盖一家用人单位", field="enterprises")
    if congress.scope != CongressScope.SINGLE and len(enterprises) < 2:
        raise DomainError("区域性、行业性联合职代会应覆盖两家及以上用人单位", field="enterprises")
    inactive = [e.name for e in enterprises if e.status != EnterpriseStatus.ACTIVE]
    if inactive:
        raise DomainError(f"用人单位已停用：{'、'.join(inactive)}", field="enterprises")
    others = Congress.objects.filter(status=CongressStatus.ACTIVE)
    if congress.pk is not None:
        others = others.exclude(pk=congress.pk)
    taken = (
        Enterprise.objects.filter(pk__in=[e.pk for e in enterprises], congresses__in=others)
        .values_list("name", flat=True)
        .distinct()
    )
    if taken:
        raise DomainError(
            f"以下单位已有运行中的职代会，不能重复建立：{'、'.join(sorted(taken))}",
            field="enterprises",
        )


def _check_input(congress: Congress) -> None:
    if congress.org_unit_id is None:
        raise DomainError("请选择组织工会", field="org_unit")
    checks.choice(congress.scope, CongressScope, label="覆盖范围", field="scope")
    checks.choice(congress.form, CongressForm, label="形式", field="form")
    checks.date(congress.established_on, label="建立日期", field="established_on")
    checks.date(
        congress.term_started_on, label="本届开始日期", field="term_started_on", optional=True
    )
    checks.count(congress.term_years, label="每届年限", field="term_years")
    labels = {f.name: f.verbose_name for f in Congress._meta.fields}
    for name in COUNT_FIELDS:
        checks.count(getattr(congress, name), label=labels[name], field=name)


def _prepare(congress: Congress, enterprises: list[Enterprise]) -> None:
    _check_input(congress)
    if congress.org_unit.status != OrgStatus.ACTIVE:
        raise DomainError("组织工会已撤销", field="org_unit")
    if not TERM_MIN <= congress.term_years <= TERM_MAX:
        raise DomainError(f"职代会每届任期应为{TERM_MIN}至{TERM_MAX}年", field="term_years")
    _check_enterprises(congress, enterprises)
    if congress.term_started_on is None:
        congress.term_started_on = congress.established_on
    if congress.established_on and congress.term_started_on and congress.term_years:
        congress.term_ends_on = rules.term_end(congress.term_started_on, congress.term_years)
    if not congress.name and congress.form:
        first = enterprises[0]
        if congress.scope == CongressScope.SINGLE:
            congress.name = f"{first.name}{congress.get_form_display()}"
        else:
            congress.name = f"{congress.org_unit.name}{congress.get_scope_display()}"


def _reflag_sessions(congress: Congress) -> None:
    """The sessions of the current term follow its (possibly corrected) end: 届满后召开 when held
    after it. Sessions before the term started belong to earlier terms and keep their flag."""
    current = congress.sessions.filter(held_on__gte=congress.term_started_on)
    current.filter(held_on__gt=congress.term_ends_on).update(after_term=True)
    current.filter(held_on__lte=congress.term_ends_on).update(after_term=False)


def congress_create(
    *, actor: Access, enterprises: Iterable[Enterprise], **fields: Any
) -> tuple[Congress, list[str]]:
    """Returns the congress and warnings (form vs size, composition)."""
    enterprises = list(enterprises or ())

    def link(congress: Congress) -> dict[str, Any]:
        congress.enterprises.set(enterprises)
        return {"enterprises": [e.pk for e in enterprises]}

    congress = create_audited(
        actor=actor,
        obj=Congress(),
        action="democracy.congress.created",
        data=fields,
        allowed=CONGRESS_FIELDS,
        check=lambda c: _prepare(c, enterprises),
        fields=AUDIT_FIELDS,
        after_save=link,
    )
    return congress, congress_warnings(congress)


def congress_update(
    *,
    actor: Access,
    congress: Congress,
    enterprises: Iterable[Enterprise] | None = None,
    **fields: Any,
) -> tuple[Congress, list[str]]:
    new_enterprises = list(enterprises) if enterprises is not None else None
    before_enterprises: list[int] = []

    def guard(locked: Congress) -> None:
        before_enterprises.extend(link_pks(locked.enterprises))
        if locked.representatives.filter(active=True).exists():
            changed = [f for f in COUNT_FIELDS if f in fields and fields[f] != getattr(locked, f)]
            if changed:
                raise DomainError(
                    "已登记代表名单，代表人数按名单自动统计，请在名单中调整", field=changed[0]
                )

    def relink(congress: Congress) -> dict[str, Any]:
        _reflag_sessions(congress)
        if new_enterprises is not None:
            congress.enterprises.set(new_enterprises)
        return diff_links("enterprises", before_enterprises, link_pks(congress.enterprises))

    update_audited(
        actor=actor,
        obj=congress,
        data=fields,
        action="democracy.congress.updated",
        fields=AUDIT_FIELDS,
        allowed=CONGRESS_FIELDS,
        guard=guard,
        check=lambda c: _prepare(c, new_enterprises or list(c.enterprises.all())),
        after_save=relink,
    )
    return congress, congress_warnings(congress)


def congress_end(*, actor: Access, congress: Congress, reason: str) -> Congress:
    """停止运行 (e.g. the enterprise closed); history stays."""
    return end_audited(
        actor=actor,
        obj=congress,
        status=CongressStatus.ENDED,
        refused="该职代会已停止运行",
        action="democracy.congress.ended",
        reason=reason,
    )


def congresses_term_ending(congresses: QuerySet[Congress], *, today: dt.date):
    """Active congresses whose term ends within rule("congress_term_reminder_days") or ended."""
    cutoff = today + dt.timedelta(days=rule("congress_term_reminder_days"))
    return congresses.filter(status=CongressStatus.ACTIVE, term_ends_on__lte=cutoff).order_by(
        "term_ends_on"
    )


# --- representatives -----------------------------------------------------------------------

REP_FIELDS = {"name", "category", "is_woman", "department", "person", "active"}


def _sync_counts(congress: Congress) -> None:
    """With a roster entered, the congress's counts are the roster's (one query)."""
    counts = congress.representatives.filter(active=True).aggregate(
        total=Count("pk"),
        frontline=Count("pk", filter=Q(category=RepCategory.FRONTLINE)),
        managers=Count("pk", filter=Q(category__in=MANAGER_CATEGORIES)),
        women=Count("pk", filter=Q(is_woman=True)),
    )
    congress.representatives_total = counts["total"]
    congress.frontline_count = counts["frontline"]
    congress.managers_count = counts["managers"]
    congress.women_count = counts["women"]
    congress.save(update_fields=[*COUNT_FIELDS, "updated_at"])


def _active(congress: Congress) -> None:
    if congress.status != CongressStatus.ACTIVE:
        raise DomainError("该职代会已停止运行，不能增加代表")


@transaction.atomic
def representative_add(
    *, actor: Access, congress: Congress, **fields: Any
) -> tuple[Representative, list[str]]:
    # The congress row is locked: a congress ended meanwhile takes no representative, and
    # representatives added at once are counted one after the other (each recount sees the
    # ones before it instead of overwriting their totals).
    with transition(congress, guard=_active):
        rep = Representative(congress=congress)
        apply_fields(rep, fields, allowed=REP_FIELDS)
        checks.choice(rep.category, RepCategory, label="代表类别", field="category")
        if not (rep.name or "").strip():
            if rep.person is None:
                raise DomainError("请填写代表姓名", field="name")
            rep.name = rep.person.name
        validate(rep)
        rep.save()
        _sync_counts(congress)
        log_action(
            actor=actor,
            action="democracy.representative.added",
            obj=rep,
            org_unit=congress.org_unit,
            changes=snapshot(rep, ["congress_id", "name", "category", "is_woman", "department"]),
        )
    return rep, congress_warnings(congress)


def representative_update(
    *, actor: Access, representative: Representative, **fields: Any
) -> tuple[Representative, list[str]]:
    if "category" in fields:
        checks.choice(fields["category"], RepCategory, label="代表类别", field="category")

    def recount(rep: Representative) -> dict[str, Any]:
        lock(rep.congress)  # edits of two representatives at once recount one after the other
        _sync_counts(rep.congress)
        return {}

    update_audited(
        actor=actor,
        obj=representative,
        data=fields,
        action="democracy.representative.updated",
        fields=["name", "category", "is_woman", "department", "active"],
        allowed=REP_FIELDS,
        after_save=recount,
        unit_of=lambda rep: rep.congress.org_unit,
    )
    return representative, congress_warnings(representative.congress)


# --- 厂务公开 --------------------------------------------------------------------------------


DISCLOSURE_EXISTS = "该单位已登记厂务公开，请修改原记录"


def _disclosure_item(i: int, item: Any) -> dict[str, Any]:
    """One disclosed item as the service takes it: content, frequency and channel, checked."""
    if not isinstance(item, dict):
        raise DomainError(f"第{i}项公开事项格式不正确", field="items")
    content = checks.text(item.get("content"))
    if not content:
        raise DomainError(f"第{i}项公开事项：请填写公开内容", field="items")
    unknown = set(item) - {"content", "frequency", "channel"}
    if unknown:
        names = "、".join(sorted(map(str, unknown)))
        raise DomainError(f"第{i}项公开事项：不认识的项目 {names}", field="items")
    frequency = checks.choice(
        item.get("frequency"), Frequency, label=f"第{i}项公开事项的公开频次", field="items"
    )
    channel = checks.choice(
        item.get("channel"), Channel, label=f"第{i}项公开事项的公开形式", field="items"
    )
    return {"content": content, "frequency": frequency, "channel": channel}


@transaction.atomic
def disclosure_save(
    *,
    actor: Access,
    enterprise: Enterprise,
    established_on: dt.date,
    active: bool = True,
    items: Iterable[dict[str, Any]] = (),
    disclosure: Disclosure | None = None,
) -> Disclosure:
    """Record an enterprise's 厂务公开 (``disclosure`` None) or replace the given one's data
    and list of disclosed items. One 厂务公开 per enterprise: a second is refused here, for
    the page, the API and the importer alike (the enterprise row is locked while checking)."""
    checks.date(established_on, label="建立日期", field="established_on")
    items = [_disclosure_item(i, item) for i, item in enumerate(items or (), start=1)]
    created = disclosure is None
    disclosure = enterprise_record(
        Disclosure.objects.all(),
        disclosure,
        enterprise=enterprise,
        exists=DISCLOSURE_EXISTS,
        moved="厂务公开所属单位不能修改",
    )
    before = {} if created else snapshot(disclosure, ["established_on", "active"])
    disclosure.established_on = established_on
    disclosure.active = active
    validate(disclosure, exclude=["enterprise"] if not created else None)
    # The lock above serialises PostgreSQL writers; SQLite's lock is a no-op, so the unique
    # constraint is the last word there and its refusal is the same message.
    save_unique(disclosure, DISCLOSURE_EXISTS, field="enterprise")
    disclosure.items.all().delete()
    new_items = [DisclosureItem(disclosure=disclosure, **item) for item in items]
    for item in new_items:
        validate(item, exclude=["disclosure"])
    DisclosureItem.objects.bulk_create(new_items)
    after = snapshot(disclosure, ["established_on", "active"])
    log_action(
        actor=actor,
        action="democracy.disclosure.created" if created else "democracy.disclosure.updated",
        obj=disclosure,
        org_unit=enterprise.union or enterprise.region,
        changes={
            **(after if created else diff(before, after)),
            "items": [f"{i.content}（{i.get_frequency_display()}）" for i in new_items],
        },
    )
    return disclosure


# 职工董事/监事 live in services_boards; the pages and tests call them from here too.
from gonghui.democracy.services_boards import (  # noqa: E402, F401
    board_save,
    board_seat_add,
    board_seat_end,
)
