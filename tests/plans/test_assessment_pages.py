"""Assessment pages: schemes, adjustments, runs, the ranked table and its .xlsx, freezing,
closing the year — and scoping of every assessment model for every persona."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.core.models import AuditEntry
from gonghui.core.scoping import scoped
from gonghui.orgs.choices import OrgKind
from gonghui.plans import assessment, cascade
from gonghui.plans.models import (
    Adjustment,
    AssessmentResult,
    AssessmentRun,
    AssessmentScheme,
    PlanStatus,
    SchemeItem,
)
from tests.factories import OrgUnitFactory
from tests.plans.cascade_support import (
    TODAY,
    YEAR_START,
    build_scheme,
    build_world,
    make_target,
    run,
    street_b_admin_for,
)

D = Decimal


@pytest.fixture
def world(tree):
    return build_world(tree)


@pytest.fixture
def street_b_admin(world):
    return street_b_admin_for(world)


@pytest.fixture
def scheme(world, personas):
    return build_scheme(world, personas)


@pytest.fixture
def ran(world, personas, scheme):
    assessment.adjustment_add(
        actor=personas["district_admin"].access,
        scheme=scheme,
        org_unit=world.tree.street_b,
        points=D(5),
        reason="工作创新",
    )
    return run(scheme, personas)


def test_it_creates_a_scheme_from_the_pages(world, personas):
    target = make_target(world.plan, value="10")
    client = personas["district_admin"].client()
    picker = client.get(reverse("plans:scheme_create"))
    assert picker.status_code == 200 and world.plan.title in picker.content.decode()
    url = reverse("plans:scheme_create") + f"?plan={world.plan.pk}"
    response = client.post(url, {"name": "年度考核", f"target_{target.pk}": "0"})
    assert "须大于0" in response.content.decode()
    response = client.post(url, {"name": "年度考核", f"target_{target.pk}": "25"})
    assert response.status_code == 302
    scheme = AssessmentScheme.objects.get(plan=world.plan)
    assert [(i.target_id, i.weight) for i in scheme.items.all()] == [(target.pk, D(25))]


def test_it_adds_an_adjustment_from_the_scheme_page(world, personas, scheme):
    client = personas["district_admin"].client()
    url = reverse("plans:scheme_detail", args=[scheme.pk])
    response = client.post(url, {"org_unit": world.tree.street_a.pk, "points": "2", "reason": ""})
    assert "请填写理由" in response.content.decode()
    response = client.post(
        url, {"org_unit": world.tree.street_a.pk, "points": "2", "reason": "宣传工作突出"}
    )
    assert response.status_code == 302
    assert scheme.adjustments.get().reason == "宣传工作突出"
    assert "宣传工作突出" in client.get(url).content.decode()


def test_it_runs_a_scheme_from_the_run_form(world, personas, scheme):
    client = personas["district_admin"].client()
    url = reverse("plans:scheme_run", args=[scheme.pk])
    form = client.get(url).content.decode()
    assert f'value="{YEAR_START:%Y-%m-%d}"' in form  # defaults to the plan year up to today
    response = client.post(
        url, {"period_start": f"{YEAR_START:%Y-%m-%d}", "period_end": f"{TODAY:%Y-%m-%d}"}
    )
    new = AssessmentRun.objects.get(scheme=scheme)
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:run_detail", args=[new.pk])


def test_it_shows_the_ranked_table_to_the_plan_units_admin(world, personas, ran):
    response = personas["district_admin"].client().get(reverse("plans:run_detail", args=[ran.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for unit in (world.tree.street_a, world.tree.street_b, world.street_c):
        assert f'data-unit="{unit.pk}"' in html
    assert "会员数" in html and "已建会企业数" in html and "55.00" in html  # street_b 50 + 5
    assert "封存结果" in html


def test_it_exports_the_ranked_table_to_xlsx(world, personas, ran):
    client = personas["district_admin"].client()
    response = client.get(reverse("plans:run_detail", args=[ran.pk]) + "?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "名次",
        "单位",
        "会员数（60分）",
        "已建会企业数（40分）",
        "加减分",
        "总分",
    ]
    assert rows[1] == [1, "东街道总工会", 30, 40, 0, 70]
    assert rows[2] == [2, "西街道总工会", 30, 20, 5, 55]
    assert rows[3] == [3, "南街道总工会", 0, "—", 0, 0]
    assert AuditEntry.objects.filter(action="core.export", object_id=str(ran.pk)).exists()


def test_it_lists_schemes_with_their_latest_run(world, personas, ran):
    response = personas["district_admin"].client().get(reverse("plans:scheme_list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "年度考核" in html
    assert reverse("plans:run_detail", args=[ran.pk]) in html
    assert f"截至 {TODAY:%Y-%m-%d}" in html
    assert "本单位考核结果" not in html  # the plan unit sees the schemes themselves


def test_it_shows_an_assessed_unit_only_its_own_row(world, personas, ran, street_b_admin):
    url = reverse("plans:run_detail", args=[ran.pk])
    html = personas["parent"].client().get(url).content.decode()
    assert f'data-unit="{world.tree.street_a.pk}"' in html
    assert f'data-unit="{world.tree.street_b.pk}"' not in html
    assert "封存结果" not in html
    own = street_b_admin.client().get(url + "?export=xlsx")
    rows = list(load_workbook(io.BytesIO(own.content)).active.iter_rows(values_only=True))
    assert [r[1] for r in rows[1:]] == ["西街道总工会"]
    listing = personas["parent"].client().get(reverse("plans:scheme_list")).content.decode()
    assert "本单位考核结果" in listing and "年度考核" in listing
    assert (
        personas["parent"].client().post(reverse("plans:run_freeze", args=[ran.pk])).status_code
        == 404
    )


def test_it_hides_assessment_pages_from_outsiders(world, personas, scheme, ran):
    urls = [
        reverse("plans:scheme_detail", args=[scheme.pk]),
        reverse("plans:scheme_edit", args=[scheme.pk]),
        reverse("plans:scheme_run", args=[scheme.pk]),
        reverse("plans:run_detail", args=[ran.pk]),
        reverse("plans:run_freeze", args=[ran.pk]),
        reverse("plans:run_delete", args=[ran.pk]),
        reverse("plans:plan_close", args=[world.plan.pk]),
    ]
    for name in ("owner", "sibling", "worker", "outsider_worker", "auditor"):
        client = personas[name].client()
        for url in urls:
            assert client.get(url).status_code == 404, (name, url)
    for url in urls[:3]:  # the street sees its row of the run, never the scheme
        assert personas["parent"].client().get(url).status_code == 404, url
    for url in [*urls, reverse("plans:scheme_list")]:
        response = Client().get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    listing = personas["sibling"].client().get(reverse("plans:scheme_list")).content.decode()
    assert "年度考核" not in listing


def test_it_freezes_a_run_from_its_page(world, personas, ran):
    client = personas["district_admin"].client()
    url = reverse("plans:run_freeze", args=[ran.pk])
    assert "确认封存" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    ran.refresh_from_db()
    assert ran.frozen
    html = client.get(reverse("plans:run_detail", args=[ran.pk])).content.decode()
    assert "data-frozen" in html and "封存结果" not in html
    client.post(reverse("plans:run_delete", args=[ran.pk]))
    assert AssessmentRun.objects.filter(pk=ran.pk).exists()


def test_it_closes_the_year_from_its_confirmation_page(world, personas, scheme):
    client = personas["district_admin"].client()
    url = reverse("plans:plan_close", args=[world.plan.pk])
    assert "确认结转" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    world.plan.refresh_from_db()
    assert world.plan.status == PlanStatus.CLOSED
    assert AssessmentRun.objects.get(scheme=scheme).frozen


def test_it_scopes_assessment_models_for_every_persona(world, personas, ran, street_b_admin):
    everyone = {
        **{k: p.access for k, p in personas.items()},
        "street_b": street_b_admin.access,
    }

    def visible(model, name):
        return set(scoped(everyone[name], model.objects.all()).values_list("pk", flat=True))

    whole = {m: set(m.objects.values_list("pk", flat=True)) for m in (SchemeItem, Adjustment)}
    assert visible(SchemeItem, "district_admin") == whole[SchemeItem]
    assert visible(Adjustment, "district_admin") == whole[Adjustment]
    assert visible(AssessmentRun, "district_admin") == {ran.pk}
    assert len(visible(AssessmentResult, "district_admin")) == 3
    for name in ("parent", "street_b", "owner", "sibling", "worker", "outsider_worker"):
        for model in (SchemeItem, Adjustment, AssessmentRun):
            assert visible(model, name) == set(), (model.__name__, name)
    own = {r.org_unit_id: r.pk for r in ran.results.all()}
    assert visible(AssessmentResult, "parent") == {own[world.tree.street_a.pk]}
    assert visible(AssessmentResult, "street_b") == {own[world.tree.street_b.pk]}
    for name in ("owner", "sibling", "worker", "outsider_worker"):
        assert visible(AssessmentResult, name) == set(), name


def test_it_renders_the_run_page_in_constant_queries(world, personas, scheme):
    client = personas["district_admin"].client()
    small = run(scheme, personas)
    url = reverse("plans:run_detail", args=[small.pk])
    client.get(url)  # warm up
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    members = scheme.items.order_by("pk").first().target
    more = {s.org_unit: s.value for s in members.shares.select_related("org_unit")}
    for i in range(4):
        street = OrgUnitFactory(
            parent=world.tree.district,
            name=f"新街道{i}",
            code=f"S10{i}",
            kind=OrgKind.STREET_FEDERATION,
        )
        more[street] = D(1)
    cascade.share_set_manual(actor=personas["district_admin"].access, target=members, values=more)
    big = run(scheme, personas)
    assert big.results.count() == 7
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("plans:run_detail", args=[big.pk]))
    assert response.status_code == 200
    assert len(many) == len(few)
