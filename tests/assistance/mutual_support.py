"""Builders of the mutual-aid tests: the district's 2026 scheme (window 15 Oct – 15 Dec 2025,
cover 2026, 90 days' wait for a first enrolment, 1 000 元 deductible, 50 %, 30 200 元 cap,
90 days to claim after discharge), union_a enrolled and paid, and a claim."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.assistance import services
from gonghui.assistance.mutual_choices import ClaimKind, DocumentKind
from gonghui.core.attachment_services import attachment_add

D = dt.date
ENROLLED_ON = D(2025, 11, 1)


def scheme_terms(**changes) -> dict:
    values = {
        "name": "2026年度职工住院医疗互助",
        "premium_per_share": Decimal("36"),
        "max_shares": 2,
        "enrol_from": D(2025, 10, 15),
        "enrol_to": D(2025, 12, 15),
        "cover_from": D(2026, 1, 1),
        "cover_to": D(2026, 12, 31),
        "waiting_days": 90,
        "deductible": Decimal("1000"),
        "payout_percent": Decimal("50"),
        "annual_cap": Decimal("30200"),
        "claim_days": 90,
        "participation_floor": Decimal("60"),
        "all_staff_below": 10,
        "second_round_threshold": Decimal("5000"),
    }
    values.update(changes)
    return values


def make_scheme(personas, tree, **changes):
    return services.mutual_scheme_create(
        actor=personas["district_admin"].access, org_unit=tree.district, **scheme_terms(**changes)
    )


def enrol(personas, tree, scheme, *, shares=1, paid=True):
    """union_a (one member on its roster: 张三) enrols 张三 and confirms the premium."""
    owner = personas["owner"].access
    group = services.mutual_group_enrol(
        actor=owner,
        scheme=scheme,
        org_unit=tree.union_a,
        people=[(tree.member_a.person, shares)],
        enrolled_on=ENROLLED_ON,
    )
    if paid:
        services.mutual_group_confirm_payment(
            actor=owner, group=group, paid_on=D(2025, 11, 20), amount=group.premium_due
        )
    return group.enrolments.get()


def claim_values(**changes) -> dict:
    values = {
        "kind": ClaimKind.INPATIENT,
        "hospital": "区人民医院",
        "admitted_on": D(2026, 5, 10),
        "discharged_on": D(2026, 5, 20),
        "total_cost": Decimal("20000"),
        "eligible_cost": Decimal("12000"),
        "bank_card": "6222021234567890123",
        "bank_name": "工商银行",
        "diagnosis": "急性阑尾炎",
        "submitted_on": D(2026, 6, 1),
    }
    values.update(changes)
    return values


def submit(actor, enrolment, **changes):
    return services.mutual_claim_submit(actor=actor, enrolment=enrolment, **claim_values(**changes))


def pdf(name="出院小结.pdf", content=b"%PDF-1.4 test"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def reviewed(personas, enrolment, **changes):
    owner = personas["owner"].access
    claim = submit(owner, enrolment, **changes)
    attachment_add(actor=owner, owner=claim, upload=pdf(), kind=DocumentKind.DISCHARGE)
    return services.mutual_claim_review(actor=owner, claim=claim)


def approved(personas, enrolment, **changes):
    claim = reviewed(personas, enrolment, **changes)
    return services.mutual_claim_approve(actor=personas["district_admin"].access, claim=claim)


# --- conformance builders: one row of each mutual-aid model owned by union_a ---------------


def _conform_scheme(w):
    return services.mutual_scheme_create(
        actor=w.actor,
        org_unit=w.unit,
        **scheme_terms(
            name="甲公司互助",
            enrol_from=D(2024, 10, 1),
            enrol_to=D(2024, 12, 31),
            cover_from=D(2025, 1, 1),
            cover_to=D(2025, 12, 31),
            waiting_days=0,
            claim_days=3650,
        ),
    )


def _conform_group(w):
    group = services.mutual_group_enrol(
        actor=w.actor,
        scheme=w.get("assistance.MutualScheme"),
        org_unit=w.unit,
        people=[(w.tree.member_a.person, 1)],
        enrolled_on=D(2024, 11, 1),
    )
    return services.mutual_group_confirm_payment(
        actor=w.actor, group=group, paid_on=D(2024, 11, 2), amount=group.premium_due
    )


def _conform_claim(w):
    enrolment = w.get("assistance.MutualEnrolment")
    return submit(w.actor, enrolment, admitted_on=D(2025, 3, 3), discharged_on=D(2025, 3, 9))


MUTUAL_BUILDERS = {
    "assistance.MutualScheme": _conform_scheme,
    "assistance.MutualGroup": _conform_group,
    "assistance.MutualEnrolment": lambda w: w.get("assistance.MutualGroup").enrolments.get(),
    "assistance.MutualClaim": _conform_claim,
}
