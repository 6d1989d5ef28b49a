"""Demo 职工医疗互助 of the demo district (a part of assistance.demo).

The district federation runs a住院医疗互助 scheme for its subtree, its cover starting on the
first of the month about ten months ago, every number a term of the scheme. 工会 A and 工会 B
(the demo admins' unions) and one further grassroots union enrol their rosters as groups:
A and B confirm the premium, the third is still 团体申请. Claims of A's and B's members are in
every state — 已申请, 初审通过, 已核定, 已给付, 已拒付 with its reason — and worker_a's heavy
case is paid with a 二次救助 payment. Everything goes through the services.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count, Q

from gonghui.assistance import services
from gonghui.assistance.models import Fund, MutualEnrolment, MutualScheme
from gonghui.assistance.mutual_choices import ClaimKind, DocumentKind
from gonghui.core.access import Access
from gonghui.core.attachment_services import attachment_add
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.orgs.choices import OrgKind
from gonghui.orgs.models import OrgUnit

# The scheme's terms (work-lines §2.3 gives the shape; the values are the demo's own).
TERMS = {
    "premium_per_share": Decimal("30"),
    "max_shares": 2,
    "waiting_days": 90,
    "deductible": Decimal("800"),
    "payout_percent": Decimal("55"),
    "annual_cap": Decimal("30000"),
    "claim_days": 90,
    "participation_floor": Decimal("60"),
    "all_staff_below": 20,
    "second_round_threshold": Decimal("5000"),
}
HOSPITALS = ("区人民医院", "市第一人民医院", "区中医院", "市肿瘤医院")
# (state, kind, days in hospital, total cost, eligible out-of-pocket, diagnosis)
CLAIMS = (
    ("paid", ClaimKind.INPATIENT, 18, "68000", "26000", "脑梗死，介入治疗"),
    ("paid", ClaimKind.INPATIENT, 7, "15800", "6200", "急性阑尾炎，腹腔镜手术"),
    ("approved", ClaimKind.INPATIENT, 10, "23500", "9800", "腰椎间盘突出，手术治疗"),
    ("approved", ClaimKind.OUTPATIENT, 1, "8600", "5400", "慢性肾衰竭，门诊透析"),
    ("refused", ClaimKind.INPATIENT, 5, "4200", "2100", "工伤致右手骨折"),
    ("reviewed", ClaimKind.INPATIENT, 9, "19800", "8700", "2型糖尿病并发症"),
    ("submitted", ClaimKind.INPATIENT, 6, "12600", "5100", "社区获得性肺炎"),
    ("submitted", ClaimKind.OUTPATIENT, 1, "3900", "2600", "恶性肿瘤术后门诊放化疗"),
)
REFUSAL = "经核实系工伤，医疗费用已由工伤保险基金支付，不属于互助给付范围"
SECOND_ROUND = Decimal("3000")


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _cover(today: dt.date) -> tuple[dt.date, dt.date]:
    start = _month_start(today - dt.timedelta(days=300))
    year, month = (start.year + 1, start.month)
    return start, dt.date(year, month, 1) - dt.timedelta(days=1)


def _admin_unit(username: str, district) -> OrgUnit | None:
    user = get_user_model().objects.filter(username=username).first()
    assignment = user and user.assignments.filter(active=True).first()
    if assignment and assignment.org_unit.path.startswith(district.path):
        return assignment.org_unit
    return None


def _unions(district) -> list[OrgUnit]:
    """工会 A, 工会 B and the grassroots union of the district with the smallest roster (of
    at least five members) besides them."""
    chosen = [
        u for u in (_admin_unit(n, district) for n in ("union_admin_a", "union_admin_b")) if u
    ]
    active = Q(memberships__status=MembershipStatus.ACTIVE)
    other = (
        OrgUnit.objects.filter(path__startswith=district.path, kind=OrgKind.GRASSROOTS)
        .exclude(pk__in=[u.pk for u in chosen])
        .annotate(roster=Count("memberships", filter=active))
        .filter(roster__gte=5)
        .order_by("roster", "pk")
        .first()
    )
    return [*chosen, *([other] if other else [])]


def _group_people(union: OrgUnit, first_person_id: int | None) -> list[tuple]:
    """Enough of the union's active roster to pass the floor (everyone in a small unit),
    worker_a first when they are on it; one in five takes two shares."""
    roster = list(
        Membership.objects.filter(union=union, status=MembershipStatus.ACTIVE)
        .select_related("person")
        .order_by("person_id")
    )
    if len(roster) <= TERMS["all_staff_below"]:
        size = len(roster)
    else:
        size = math.ceil(len(roster) * TERMS["participation_floor"] / 100) + 2
    roster.sort(key=lambda m: m.person_id != first_person_id)
    people = [m.person for m in roster[: min(size, len(roster))]]
    return [(p, 2 if n % 5 == 1 else 1) for n, p in enumerate(people)]


def _document(name: str) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n% gonghui demo\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _claim(*, actor: Access, enrolment, spec, n: int, today: dt.date, rng: random.Random):
    state, kind, stay, total, eligible, diagnosis = spec
    if state in ("submitted", "reviewed"):
        discharged = today - dt.timedelta(days=20 + 6 * n)
    else:
        discharged = enrolment.covered_from + dt.timedelta(days=20 + 12 * n + stay)
    admitted = discharged - dt.timedelta(days=stay - 1)
    claim = services.mutual_claim_submit(
        actor=actor,
        enrolment=enrolment,
        kind=kind,
        hospital=HOSPITALS[n % len(HOSPITALS)],
        admitted_on=admitted,
        discharged_on=discharged,
        total_cost=Decimal(total),
        eligible_cost=Decimal(eligible),
        bank_card=f"622202{rng.randrange(10**12, 10**13)}",
        bank_name="中国工商银行",
        diagnosis=diagnosis,
        submitted_on=min(discharged + dt.timedelta(days=6), today),
    )
    if state == "submitted":
        return claim
    for document, label in ((DocumentKind.DISCHARGE, "出院小结"), (DocumentKind.BILLS, "费用票据")):
        attachment_add(
            actor=actor, owner=claim, upload=_document(f"{label}-{claim.number}.pdf"), kind=document
        )
    if state == "refused":
        return services.mutual_claim_refuse(actor=actor, claim=claim, reason=REFUSAL)
    services.mutual_claim_review(actor=actor, claim=claim, note="材料齐全，情况属实")
    if state == "reviewed":
        return claim
    services.mutual_claim_approve(actor=actor, claim=claim)
    if state == "paid":
        services.mutual_claim_paid(
            actor=actor, claim=claim, paid_on=today, proof=f"HZZF{claim.pk:06d}"
        )
    return claim


def mutual(*, district, today: dt.date, rng: random.Random, actor: Access, made) -> None:
    """The part: the scheme, three groups and the claims, when the district has no scheme."""
    if MutualScheme.objects.filter(org_unit__path__startswith=district.path).exists():
        return
    cover_from, cover_to = _cover(today)
    scheme = services.mutual_scheme_create(
        actor=actor,
        org_unit=district,
        name=f"{district.name}职工住院医疗互助（{cover_from:%Y年%m月}起）",
        enrol_from=cover_from - dt.timedelta(days=75),
        enrol_to=cover_from - dt.timedelta(days=1),
        cover_from=cover_from,
        cover_to=cover_to,
        note="演示数据：区总工会统一组织，基层工会以团体方式参加",
        **TERMS,
    )
    worker_person = Person.objects.filter(user__username="worker_a").first()
    groups = []
    for n, union in enumerate(_unions(district)):
        people = _group_people(union, worker_person.pk if worker_person else None)
        if not people:
            continue
        group = services.mutual_group_enrol(
            actor=actor,
            scheme=scheme,
            org_unit=union,
            people=people,
            enrolled_on=cover_from - dt.timedelta(days=30 - n),
        )
        if n < 2:  # 工会 A and B paid; the third is still 团体申请
            services.mutual_group_confirm_payment(
                actor=actor,
                group=group,
                paid_on=cover_from - dt.timedelta(days=20 - n),
                amount=group.premium_due,
                payment_ref=f"HZJF{cover_from:%Y}{n + 1:03d}",
            )
            groups.append(group)
    # The claimants: the first members of 工会 A and 工会 B in turn (worker_a first).
    per_group = [
        list(MutualEnrolment.objects.filter(group=g).order_by("pk")[: len(CLAIMS)]) for g in groups
    ]
    enrolments = [e for row in itertools.zip_longest(*per_group) for e in row if e is not None]
    claims = [
        _claim(actor=actor, enrolment=e, spec=spec, n=n, today=today, rng=rng)
        for n, (e, spec) in enumerate(zip(enrolments, CLAIMS, strict=False))
    ]
    fund = Fund.objects.filter(org_unit=district).order_by("pk").first()
    heavy = [
        c for c in claims if c.status == "paid" and c.left_to_pay > TERMS["second_round_threshold"]
    ]
    if fund is not None and heavy:
        services.mutual_claim_second_round(
            actor=actor, claim=heavy[0], fund=fund, amount=SECOND_ROUND
        )
