"""Demo data of mutual medical aid and employment services (assistance.demo parts ``mutual``
and ``jobs``): loaded on an empty database, and their pages open for the demo cadres."""

from __future__ import annotations

import pytest

from gonghui.accounts.models import RoleAssignment, User
from gonghui.orgs.choices import OrgKind
from tests.test_demo import demo, demo_json


@pytest.fixture
def small(db, settings) -> dict:
    """The small demo, loaded as `make run` does (debug on)."""
    settings.DEBUG = True
    return demo_json("--size", "small")


def test_it_loads_mutual_aid_and_employment_services_the_demo_cadres_can_open(small):
    from django.db.models import Count
    from django.test import Client
    from django.urls import reverse

    from gonghui.assistance.models import (
        FairAttendance,
        JobFair,
        JobSeeker,
        MutualClaim,
        MutualGroup,
        MutualScheme,
        Placement,
        Training,
        TrainingEnrolment,
    )
    from gonghui.assistance.mutual_choices import ClaimStatus, GroupStatus

    scheme = MutualScheme.objects.get()
    assert scheme.org_unit.kind == OrgKind.DISTRICT_FEDERATION
    groups = MutualGroup.objects.all()
    assert sorted(groups.values_list("status", flat=True)) == sorted(
        [GroupStatus.PAID, GroupStatus.PAID, GroupStatus.APPLIED]
    )
    assert all(g.people == g.enrolments.count() > 0 for g in groups)
    claims = MutualClaim.objects.all()
    assert set(claims.values_list("status", flat=True)) == set(ClaimStatus.values)
    assert claims.filter(status=ClaimStatus.REFUSED).exclude(refusal_reason="").exists()
    assert claims.filter(second_round__isnull=False).count() == 1
    seekers = JobSeeker.objects.all()
    assert seekers.filter(person__isnull=False).exists()
    assert seekers.filter(family_member__isnull=False).exists()
    assert seekers.filter(person__isnull=True, family_member__isnull=True).exists()
    enrolments = TrainingEnrolment.objects.all()
    assert enrolments.filter(completed_on__isnull=False).exists()
    assert enrolments.filter(completed_on__isnull=True).exists()
    fair = JobFair.objects.get()
    assert fair.attendance >= FairAttendance.objects.filter(fair=fair).count() > 0
    placements = Placement.objects.all()
    assert placements.filter(fair=fair).exists() and placements.filter(fair=None).exists()

    union_a = RoleAssignment.objects.get(user__username="union_admin_a").org_unit
    group_a = groups.get(org_unit=union_a)
    seeker_a = seekers.filter(org_unit=union_a).first()
    pages = {
        "district_admin": [
            reverse("assistance:scheme_detail", args=[scheme.pk]),
            reverse("assistance:training_detail", args=[Training.objects.first().pk]),
            reverse("assistance:fair_detail", args=[fair.pk]),
            reverse("assistance:placement_detail", args=[placements.first().pk]),
            f"/api/v1/assistance/claims/{claims.first().pk}/",
        ],
        "union_admin_a": [
            reverse("assistance:scheme_list"),
            reverse("assistance:scheme_detail", args=[scheme.pk]),
            reverse("assistance:group_detail", args=[group_a.pk]),
            reverse("assistance:seeker_detail", args=[seeker_a.pk]),
            f"/api/v1/assistance/claims/{claims.filter(org_unit=union_a).first().pk}/",
        ],
    }
    # The pages, not the first-login password change (docs/accounts.md), are under test.
    User.objects.filter(username__in=pages).update(must_change_password=False)
    for username, urls in pages.items():
        client = Client()
        client.force_login(User.objects.get(username=username))
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)
    assert Client().get(pages["union_admin_a"][2]).status_code != 200
    per_union = claims.values("org_unit").annotate(n=Count("pk"))
    assert per_union.count() == 2
    counts = (groups.count(), claims.count(), seekers.count(), placements.count())
    demo("--size", "small")
    assert (groups.count(), claims.count(), seekers.count(), placements.count()) == counts
