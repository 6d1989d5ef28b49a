"""Every list page exports exactly what it shows: the filter and search of the address, all pages
of it, inside the actor's scope; the filter stays in the address and in the export link."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.democracy.choices import CongressForm
from gonghui.rights.choices import OrderClass
from tests.democracy.conftest import make_congress
from tests.factories import EnterpriseFactory, MembershipFactory
from tests.rights.conftest import register_order

HTMX = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "table"}


def exported(client, url, params) -> list[tuple]:
    response = client.get(url, {**params, "export": "xlsx"})
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    return rows[1:]  # without the header row


def shown_count(client, url, params) -> int:
    return client.get(url, params).context["page"].paginator.count


def export_links(html: str) -> str:
    match = re.search(r'<span id="export-links"[^>]*>(.*?)</span>', html, re.S)
    assert match, "the page has no export links"
    return match.group(0)


@pytest.fixture
def roster(tree):
    """30 migrant workers in union_a (more than one page) and 3 others in union_b."""
    for i in range(30):
        MembershipFactory(
            union=tree.union_a, person__name=f"农民工{i}", person__is_migrant_worker=True
        )
    for i in range(3):
        MembershipFactory(
            union=tree.union_b, person__name=f"乙农民工{i}", person__is_migrant_worker=True
        )


def test_it_exports_the_filtered_roster_across_all_pages(tree, personas, roster):
    client = personas["parent"].client()
    url = reverse("members:person_list")
    params = {"migrant": "1", "union": tree.union_a.pk}

    rows = exported(client, url, params)

    assert len(rows) == shown_count(client, url, params) == 30
    assert {r[0] for r in rows} == {f"农民工{i}" for i in range(30)}
    assert shown_count(client, url, {}) > 30  # the filter, not the total


def test_it_exports_the_searched_roster(tree, personas, roster):
    client = personas["parent"].client()
    url = reverse("members:person_list")
    rows = exported(client, url, {"q": "乙农民工"})
    assert sorted(r[0] for r in rows) == ["乙农民工0", "乙农民工1", "乙农民工2"]


def test_it_never_exports_rows_outside_the_scope(tree, personas, roster):
    client = personas["sibling"].client()  # union_b: the 30 of union_a are not theirs
    url = reverse("members:person_list")

    rows = exported(client, url, {"migrant": "1"})
    forged = exported(client, url, {"migrant": "1", "union": tree.union_a.pk})

    assert sorted(r[0] for r in rows) == ["乙农民工0", "乙农民工1", "乙农民工2"]
    assert all(not r[0].startswith("农民工") for r in forged)


def test_it_exports_the_filtered_congresses(tree, personas):
    owner = personas["owner"].access
    for i in range(3):
        enterprise = EnterpriseFactory(name=f"丙{i}公司", region=tree.street_a, union=tree.union_a)
        make_congress(owner, unit=tree.union_a, enterprises=[enterprise])
    enterprise = EnterpriseFactory(name="丁公司", region=tree.street_a, union=tree.union_a)
    make_congress(owner, unit=tree.union_a, enterprises=[enterprise], form=CongressForm.GENERAL)
    client = personas["parent"].client()
    url = reverse("democracy:congress_list")
    params = {"form": CongressForm.GENERAL}

    rows = exported(client, url, params)

    assert len(rows) == shown_count(client, url, params) == 1
    assert len(exported(client, url, {})) == 4
    assert exported(personas["sibling"].client(), url, {}) == []


def test_it_exports_the_filtered_work_orders(tree, personas):
    owner = personas["owner"]
    for _ in range(3):
        register_order(owner, tree.union_a, order_class=OrderClass.DIFFICULT)
    register_order(owner, tree.union_a)
    register_order(personas["sibling"], tree.union_b, order_class=OrderClass.DIFFICULT)
    client = personas["parent"].client()
    url = reverse("rights:order_list")
    params = {"order_class": OrderClass.DIFFICULT}

    rows = exported(client, url, params)

    assert len(rows) == shown_count(client, url, params) == 4
    assert shown_count(client, url, {}) == 5
    assert len(exported(personas["sibling"].client(), url, params)) == 1


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("members:person_list", {"migrant": "1", "q": "农民工"}),
        ("democracy:congress_list", {"form": CongressForm.GENERAL}),
        ("rights:order_list", {"order_class": OrderClass.DIFFICULT}),
    ],
)
def test_it_puts_the_filter_into_the_export_link(tree, personas, name, params):
    client = personas["parent"].client()
    url = reverse(name)

    full_page = export_links(client.get(url, params).content.decode())
    # A filter applied with htmx swaps the table and the export links beside it.
    partial = client.get(url, params, **HTMX).content.decode()

    assert 'hx-swap-oob="true"' in export_links(partial)
    for links in (full_page, export_links(partial)):
        for key, value in params.items():
            assert f"{key}={value}" in links or f"{key}=%" in links
        assert "export=xlsx" in links


def test_it_keeps_the_filter_in_the_address(tree, personas):
    html = personas["parent"].client().get(reverse("members:person_list")).content.decode()
    form = re.search(r'<form class="toolbar"[^>]*>', html).group(0)
    # A form of the list itself (no stale query string appended), pushed to history. It posts
    # (a 身份证号 typed in must not become a URL); the list answers with the address to push.
    assert 'method="post"' in form
    assert f'hx-post="{reverse("members:person_list")}"' in form
    assert 'hx-push-url="true"' in form
    pushed = (
        personas["parent"]
        .client()
        .post(reverse("members:person_list"), {"gender": "M"}, HTTP_HX_REQUEST="true")
    )
    assert pushed["HX-Push-Url"] == reverse("members:person_list") + "?gender=M"
