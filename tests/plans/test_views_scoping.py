"""Every plan page is scoped: a plan of street_a is seen by its federation and the district,
is a 404 for the unions below it, a sibling federation, a worker and roles without plan
permissions, and sends anonymous visitors to the login page."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.core.attachment_selectors import attachments_of
from gonghui.core.roles import Role
from gonghui.plans import services
from tests.factories import RoleAssignmentFactory
from tests.plans.views_support import import_plan


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def world(tree, personas):
    parent = personas["parent"].access
    plan = import_plan(tree.street_a, parent)
    target = plan.targets.filter(metric_key="").order_by("pk").first()
    milestone = plan.milestones.order_by("pk").first()
    entry = services.progress_add(
        actor=parent,
        target=target,
        org_unit=tree.street_a,
        value=120,
        as_of=timezone.localdate(),
        files=[SimpleUploadedFile("台账.pdf", b"%PDF-1.4 test", content_type="application/pdf")],
    )
    other_federation = RoleAssignmentFactory(org_unit=tree.street_b, role=Role.FEDERATION_ADMIN)
    client = Client()
    client.force_login(other_federation.user)
    return SimpleNamespace(
        plan=plan,
        target=target,
        milestone=milestone,
        evidence=attachments_of(entry).get(),
        other_federation=client,
    )


def page_urls(w) -> dict[str, str]:
    p, t, m = w.plan.pk, w.target.pk, w.milestone.pk
    return {
        "dashboard": reverse("plans:plan_dashboard", args=[p]),
        "review": reverse("plans:plan_review", args=[p]),
        "activate": reverse("plans:plan_activate", args=[p]),
        "target_add": reverse("plans:target_add", args=[p]),
        "milestone_add": reverse("plans:milestone_add", args=[p]),
        "target_edit": reverse("plans:target_edit", args=[t]),
        "target_delete": reverse("plans:target_delete", args=[t]),
        "target_bind": reverse("plans:target_bind", args=[t]),
        "chart": reverse("plans:target_chart_monthly", args=[t]),
        "progress": reverse("plans:progress_add", args=[t]),
        "milestone_edit": reverse("plans:milestone_edit", args=[m]),
        "milestone_delete": reverse("plans:milestone_delete", args=[m]),
        "milestone_done": reverse("plans:milestone_done", args=[m]),
        "evidence": reverse("plans:progress_attachment", args=[w.evidence.pk]),
    }


@pytest.mark.parametrize("name", ["parent", "district_admin"])
def test_it_shows_every_page_of_a_plan_to_its_federations(world, personas, name):
    client = personas[name].client()
    for page, url in page_urls(world).items():
        assert client.get(url).status_code == 200, page


@pytest.mark.parametrize("name", ["owner", "sibling", "worker", "outsider_worker", "auditor"])
def test_it_hides_every_page_of_a_plan_from_units_below_and_other_roles(world, personas, name):
    client = personas[name].client()
    for page, url in page_urls(world).items():
        assert client.get(url).status_code == 404, page
    for url in (
        reverse("plans:target_confirm", args=[world.target.pk]),
        reverse("plans:milestone_confirm", args=[world.milestone.pk]),
        reverse("plans:target_delete", args=[world.target.pk]),
    ):
        assert client.post(url).status_code == 404
    world.target.refresh_from_db()  # still there


def test_it_hides_a_plan_from_a_sibling_federation(world):
    for page, url in page_urls(world).items():
        assert world.other_federation.get(url).status_code == 404, page


def test_it_sends_anonymous_visitors_to_the_login_page(world, client):
    urls = [
        reverse("plans:plan_list"),
        reverse("plans:plan_create"),
        *page_urls(world).values(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("accounts:login")), url


def test_it_lists_only_plans_in_scope(world, tree, personas):
    import_plan(tree.street_b, personas["district_admin"].access)
    parent_page = personas["parent"].client().get(reverse("plans:plan_list")).content.decode()
    district_page = (
        personas["district_admin"].client().get(reverse("plans:plan_list")).content.decode()
    )
    assert "东街道总工会" in parent_page and "西街道总工会" not in parent_page
    assert "东街道总工会" in district_page and "西街道总工会" in district_page
    owner = personas["owner"].client().get(reverse("plans:plan_list"))
    assert owner.status_code == 200 and world.plan.title not in owner.content.decode()
    assert personas["worker"].client().get(reverse("plans:plan_list")).status_code == 404


def test_it_offers_plan_creation_only_to_federation_admins(world, personas):
    url = reverse("plans:plan_create")
    assert personas["parent"].client().get(url).status_code == 200
    assert personas["owner"].client().get(url).status_code == 404
    listing = personas["parent"].client().get(reverse("plans:plan_list")).content.decode()
    assert "新建工作要点" in listing
    listing = personas["owner"].client().get(reverse("plans:plan_list")).content.decode()
    assert "新建工作要点" not in listing
