"""`gonghui demo`: the seeded demo federation, its accounts and its invariants."""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F, OuterRef, Subquery
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from gonghui.accounts.models import RoleAssignment, User
from gonghui.core.models import AuditEntry
from gonghui.core.roles import Role
from gonghui.core.validators import credit_code_problem, parse_id_number
from gonghui.demo.accounts import DEFAULT_PASSWORD
from gonghui.demo.build import SIZES, _plan
from gonghui.demo.identifiers import CreditCodes
from gonghui.members.models import Membership, MembershipStatus, Person
from gonghui.orgs.choices import UNION_KINDS, OrgKind, Ownership
from gonghui.orgs.models import Enterprise, OrgUnit

ROLES = {
    "district_admin": Role.FEDERATION_ADMIN,
    "street_admin": Role.FEDERATION_ADMIN,
    "union_admin_a": Role.GRASSROOTS_ADMIN,
    "union_admin_b": Role.GRASSROOTS_ADMIN,
    "auditor": Role.AUDIT_ADMIN,
    "sysadmin": Role.SYSTEM_ADMIN,
    "secadmin": Role.SECURITY_ADMIN,
    "observer": Role.OBSERVER,
    "reviewer": Role.REVIEWER,
    "worker_a": Role.WORKER,
    "worker_b": Role.WORKER,
}


@pytest.fixture(autouse=True)
def _debug_mode(settings):
    """These tests run the command as `make run` does (GONGHUI_DEBUG=1); production, where the
    default password is refused, has its own tests below."""
    settings.DEBUG = True


def demo(*args: str) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("demo", *args, stdout=out, stderr=err)
    return out.getvalue()


def demo_json(*args: str) -> dict:
    return json.loads(demo(*args, "--json"))


def table_counts() -> dict[str, int]:
    return {
        "units": OrgUnit.objects.count(),
        "enterprises": Enterprise.objects.count(),
        "persons": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "users": User.objects.count(),
        "assignments": RoleAssignment.objects.count(),
    }


def can_log_in(username: str, password: str) -> bool:
    request = RequestFactory().post("/accounts/login/")
    return authenticate(request=request, username=username, password=password) is not None


@pytest.fixture
def small(db) -> dict:
    return demo_json("--size", "small")


def test_it_loads_the_small_demo_and_reports_counts_in_json(small):
    assert small["size"] == "small" and small["created"] is True
    assert small["counts"]["members"] == Membership.objects.filter(status="active").count() > 100
    assert small["persons"] == Person.objects.count()
    assert small["enterprises"] == Enterprise.objects.count() >= 8
    assert small["unions"] == OrgUnit.objects.filter(kind__in=UNION_KINDS).count() >= 5
    for key, value in small["counts"].items():
        assert small[key] == value  # counts are also spread at the top level
    assert AuditEntry.objects.filter(action="demo.loaded").count() == 1


def test_it_is_idempotent(small):
    before = table_counts()
    again = demo_json("--size", "small")
    assert again["created"] is False
    assert again["counts"] == small["counts"]
    assert again["accounts"] == small["accounts"]
    assert table_counts() == before
    assert AuditEntry.objects.filter(action="demo.loaded").count() == 1


def test_it_keeps_an_existing_demo_of_another_size(small):
    before = table_counts()
    out = demo("--size", "district")
    assert "保留现有数据" in out
    assert table_counts() == before
    assert demo_json("--size", "district")["size"] == "small"


def test_it_creates_an_account_for_every_role(small):
    accounts = {a["username"]: a for a in small["accounts"]}
    assert {name: a["role"] for name, a in accounts.items()} == ROLES
    for account in accounts.values():
        unit = OrgUnit.objects.get(code=account["org_unit_code"])
        assert unit.name == account["org_unit_name"]
        assert RoleAssignment.objects.filter(
            user__username=account["username"], org_unit=unit, role=account["role"]
        ).exists()
        assert User.objects.get(username=account["username"]).home_unit == unit
    district = OrgUnit.objects.get(code=accounts["district_admin"]["org_unit_code"])
    assert district.kind == OrgKind.DISTRICT_FEDERATION
    assert accounts["auditor"]["org_unit_code"] == district.code
    # a second assignment so the unit switcher can be shown
    assert RoleAssignment.objects.filter(user__username="district_admin").count() == 2


def test_it_gives_two_sibling_grassroots_admins_under_the_street_admin(small):
    accounts = {a["username"]: a for a in small["accounts"]}
    union_a = OrgUnit.objects.get(code=accounts["union_admin_a"]["org_unit_code"])
    union_b = OrgUnit.objects.get(code=accounts["union_admin_b"]["org_unit_code"])
    street = OrgUnit.objects.get(code=accounts["street_admin"]["org_unit_code"])
    assert union_a != union_b
    assert union_a.kind == union_b.kind == OrgKind.GRASSROOTS
    parent = OrgUnit.objects.get_parent
    assert parent(union_a) == parent(union_b) == street
    assert street.kind == OrgKind.STREET_FEDERATION
    for worker, union in (("worker_a", union_a), ("worker_b", union_b)):
        person = Person.objects.get(user__username=worker)
        assert person.current_union == union
        assert person.memberships.filter(union=union, status=MembershipStatus.ACTIVE).exists()
        assert User.objects.get(username=worker).full_name == person.name


def test_it_lets_demo_accounts_sign_in_with_the_password(small, settings):
    assert can_log_in("union_admin_a", DEFAULT_PASSWORD)
    assert not can_log_in("union_admin_a", "wrong-Password1")
    user = User.objects.get(username="worker_a")
    assert user.check_password(DEFAULT_PASSWORD) and DEFAULT_PASSWORD not in user.password
    assert user.must_change_password == settings.GONGHUI_FORCE_INITIAL_PASSWORD_CHANGE


def test_it_resets_passwords_only_when_one_is_given(small):
    user = User.objects.get(username="observer")
    user.set_password("Changed#2027")
    user.save()
    demo("--size", "small")
    assert can_log_in("observer", "Changed#2027")
    demo("--size", "small", "--password", "Other#Pw2028")
    assert can_log_in("observer", "Other#Pw2028")
    assert can_log_in("worker_b", "Other#Pw2028")


def test_it_rejects_a_weak_password(db):
    with pytest.raises(CommandError, match="密码"):
        demo("--size", "small", "--password", "abcdefgh")
    assert not OrgUnit.objects.exists()


def test_it_prints_a_chinese_summary_with_the_logins(db):
    out = demo("--size", "small")
    assert "演示数据已加载" in out and "演示账号" in out and DEFAULT_PASSWORD in out
    for username in ROLES:
        assert username in out


def test_it_stores_valid_id_numbers_consistent_with_the_person(small):
    people = list(Person.objects.all())
    assert len({p.id_index for p in people}) == len(people)
    for person in people:
        info = parse_id_number(person.id_number)
        assert info.birth_date == person.birth_date
        assert info.gender == person.gender
        assert 1966 <= info.birth_date.year <= 2006
        assert person.id_masked == info.number[:3] + "*" * 11 + info.number[-4:]


def test_it_generates_credit_codes_that_pass_except_a_deliberate_few(small):
    codes = list(Enterprise.objects.values_list("credit_code", flat=True))
    assert sum(1 for c in codes if credit_code_problem(c)) <= 1
    issuer = CreditCodes(random.Random(7))
    many = [issuer.issue(Ownership.PRIVATE) for _ in range(3000)]
    problems = [credit_code_problem(c) for c in many]
    assert len(set(many)) == len(many)
    failing = [p for p in problems if p]
    assert 5 <= len(failing) <= 60  # about 1 %, on purpose
    assert all("校验位" in p for p in failing)  # only the check character is wrong


def test_it_keeps_current_union_on_the_latest_membership(small):
    latest = Membership.objects.filter(person=OuterRef("pk")).order_by("-joined_on", "-pk")
    people = Person.objects.annotate(latest=Subquery(latest.values("union")[:1]))
    assert people.count() == small["persons"]
    assert not people.exclude(current_union=F("latest")).exists()
    assert not Person.objects.filter(current_union__isnull=True).exists()


def test_it_links_transferred_memberships_to_the_next_one(small):
    transferred = Membership.objects.filter(status=MembershipStatus.TRANSFERRED)
    assert transferred.exists()
    for old in transferred.select_related("next"):
        new = old.next
        assert new.person_id == old.person_id
        assert new.joined_on == old.ended_on
        assert new.union_id != old.union_id
    assert Membership.objects.filter(status=MembershipStatus.LEFT, ended_on__isnull=False).exists()
    assert not Membership.objects.filter(card_number="").exists()


def test_it_writes_a_valid_tree(small):
    assert OrgUnit.objects.find_problems() == ([], [], [], [], [])
    street = OrgUnit.objects.get(code="GH-S01-S01")
    children = OrgUnit.objects.get_children(street).count()
    assert children == street.numchild > 0
    child = OrgUnit.objects.add_child(
        street, {"name": "新建工会", "code": "NEW-1", "kind": OrgKind.GRASSROOTS}
    )
    street.refresh_from_db()
    assert OrgUnit.objects.get_parent(child) == street
    assert OrgUnit.objects.get_children(street).count() == street.numchild == children + 1


def test_it_plans_the_same_data_every_time():
    today = dt.date(2026, 1, 15)
    first_root, first = _plan(SIZES["small"], today)
    second_root, second = _plan(SIZES["small"], today)
    assert [u.code for u in first_root.walk()] == [u.code for u in second_root.walk()]
    assert [(f.name, f.credit_code, f.total) for f in first[0].enterprises] == [
        (f.name, f.credit_code, f.total) for f in second[0].enterprises
    ]


@pytest.mark.slow
def test_it_loads_the_district_demo_in_its_realistic_shape(db):
    # Load time is measured by benchmarks/demo_load.py; a test never asserts wall-clock time.
    data = demo_json("--size", "district")
    assert data["districts"] == 1
    assert data["streets"] == 12
    assert data["industry_committees"] == 3
    assert 350 <= data["enterprises"] <= 450
    assert 250 <= data["unions"] <= 350
    assert 15 <= data["joint_unions"] <= 30
    assert 35_000 <= data["members"] <= 45_000
    assert 60 <= data["enterprises_without_union"] <= 80
    assert 0.35 <= data["women_members"] / data["members"] <= 0.45
    assert 0.20 <= data["migrant_members"] / data["members"] <= 0.35
    assert 0.01 <= data["new_form_members"] / data["members"] <= 0.06
    assert 100 <= data["transferred_memberships"] <= 1000
    assert data["left_memberships"] > 100
    present = set(Enterprise.objects.values_list("ownership", flat=True))
    assert present == set(Ownership.values)
    firms = Enterprise.objects.all()
    assert firms.filter(is_above_scale=True).exists()
    assert not firms.filter(employees_women__gt=F("employees_total")).exists()
    assert firms.filter(employees_total__gte=1000).exists()
    assert firms.filter(employees_total__lt=10).exists()
    broken = [c for c in firms.values_list("credit_code", flat=True) if credit_code_problem(c)]
    assert 0 < len(broken) <= 0.03 * data["enterprises"]
    # term reminders: some due within 90 days, some overdue
    today = timezone.localdate()
    unions = OrgUnit.objects.filter(kind__in=UNION_KINDS)
    assert unions.filter(term_ends_on__lt=today).exists()
    assert unions.filter(
        term_ends_on__gte=today, term_ends_on__lte=today + dt.timedelta(90)
    ).exists()
    # two-hop transfer chains exist
    assert Membership.objects.filter(previous__previous__isnull=False).exists()
    assert OrgUnit.objects.find_problems() == ([], [], [], [], [])
    sample = Person.objects.order_by("?")[:200]
    for person in sample:
        assert parse_id_number(person.id_number).birth_date == person.birth_date


def test_it_imports_the_districts_own_plan_and_cascades_it(small):
    from django.utils import timezone

    from gonghui.accounts.models import User
    from gonghui.core.access import access_for
    from gonghui.orgs.choices import OrgKind
    from gonghui.orgs.models import OrgUnit
    from gonghui.plans.models import AssessmentResult, PlanStatus, TargetShare, WorkPlan
    from gonghui.plans.progress import Status, plan_progress

    plan = WorkPlan.objects.get()
    admin = User.objects.get(username="district_admin")
    assert plan.status == PlanStatus.ACTIVE and plan.year == timezone.localdate().year
    assert plan.targets.count() >= 25 and plan.milestones.exists()
    bound = plan.targets.exclude(metric_key="")
    assert bound.count() >= 5
    # Every bound target is split over the street federations; shares sum to the goal.
    streets = OrgUnit.objects.filter(
        path__startswith=plan.org_unit.path,
        depth=plan.org_unit.depth + 1,
        kind=OrgKind.STREET_FEDERATION,
    ).count()
    for target in bound.filter(unit__in=["人", "家"]):
        shares = TargetShare.objects.filter(target=target)
        assert shares.count() == streets
        assert sum(s.value for s in shares) == target.value
    assert AssessmentResult.objects.filter(run__scheme__plan=plan).count() == streets
    rows = plan_progress(plan, access=access_for(admin), today=timezone.localdate())
    assert any(r.actual for r in rows if r.target.metric_key)  # the dashboard moves
    assert any(r.status == Status.NO_DATA for r in rows)  # manual targets await 台账

    # Loading again adds no second plan.
    demo("--size", "small")
    assert WorkPlan.objects.count() == 1


def test_it_refuses_to_run_in_production_without_a_password(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--password"):
        demo("--size", "small")
    assert not OrgUnit.objects.exists()
    assert not User.objects.exists()


def test_it_forces_every_demo_account_to_change_its_password_in_production(db, settings, client):
    settings.DEBUG = False
    settings.GONGHUI_FORCE_INITIAL_PASSWORD_CHANGE = False  # production ignores this for demos
    demo("--size", "small", "--password", "Yanshi#Pw2029")
    assert set(User.objects.filter(must_change_password=False)) == set()
    # The shared demo password cannot be kept at the forced change.
    client.force_login(User.objects.get(username="secadmin"))
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "Yanshi#Pw2029",
            "new_password1": "Yanshi#Pw2029",
            "new_password2": "Yanshi#Pw2029",
        },
    )
    assert "不能与最近 5 次使用过的密码相同" in response.content.decode()
    assert User.objects.get(username="secadmin").must_change_password


def test_it_loads_assistance_in_every_state_with_a_consistent_ledger(small):
    from django.db.models import Sum

    from gonghui.assistance.choices import CampaignKind, Category, FileStatus, PaymentStatus
    from gonghui.assistance.models import Fund, HardshipFile, Payment

    files = HardshipFile.objects.all()
    assert set(files.values_list("status", flat=True)) == set(FileStatus.values)
    filed = files.filter(status=FileStatus.FILED)
    assert set(filed.values_list("category", flat=True)) == set(Category.values)
    # Every file is a member of a union of the demo, filed at that union.
    assert not files.exclude(org_unit=F("person__current_union")).exists()
    assert filed.filter(person__user__username="worker_a").exists()
    for kind in (CampaignKind.WARMTH, CampaignKind.AUTUMN):
        statuses = set(Payment.objects.filter(campaign__kind=kind).values_list("status", flat=True))
        assert {PaymentStatus.PAID, PaymentStatus.FAILED} <= statuses, kind
    assert Payment.objects.filter(reissue_of__isnull=False, status=PaymentStatus.PAID).exists()
    for fund in Fund.objects.all():
        ledger = fund.entries.aggregate(b=Sum("balance_change"), r=Sum("reserved_change"))
        assert (fund.balance, fund.reserved) == (ledger["b"], ledger["r"] or 0), fund.name
        assert fund.available >= 0
    reserved = Payment.objects.filter(status=PaymentStatus.APPROVED).aggregate(s=Sum("amount"))
    assert sum(f.reserved for f in Fund.objects.all()) == reserved["s"]
    counts = (files.count(), Payment.objects.count())
    demo("--size", "small")
    assert (HardshipFile.objects.count(), Payment.objects.count()) == counts


def test_it_loads_service_centres_and_pairs_with_visits(small):
    from gonghui.assistance.choices import FileStatus
    from gonghui.assistance.models import AssistancePair, PairVisit, ServiceCentre
    from gonghui.assistance.models.centres import CentreKind

    district = OrgUnit.objects.get(kind=OrgKind.DISTRICT_FEDERATION)
    centres = ServiceCentre.objects.all()
    assert centres.get(kind=CentreKind.CENTRE).org_unit == district
    assert centres.filter(kind=CentreKind.STATION).count() >= 2
    pairs = AssistancePair.objects.all()
    assert pairs.count() >= 5
    assert not pairs.exclude(file__status=FileStatus.FILED).exists()
    assert not pairs.exclude(org_unit=F("file__org_unit")).exists()
    assert pairs.values("cadre").distinct().count() >= 2
    today = timezone.localdate()
    visits = PairVisit.objects.all()
    assert not visits.filter(visited_on__gt=today).exists()
    assert not visits.filter(visited_on__lt=today - dt.timedelta(days=366)).exists()
    assert visits.filter(follow_up_needed=True, follow_up_done_on__isnull=True).exists()
    assert visits.filter(follow_up_needed=True, follow_up_done_on__isnull=False).exists()
    counts = (centres.count(), pairs.count(), visits.count())
    demo("--size", "small")
    assert (centres.count(), pairs.count(), visits.count()) == counts
