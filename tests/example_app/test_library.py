"""职工书屋, the example work line: pages, export, import, API, metric and demo, by persona."""

from __future__ import annotations

import datetime as dt
import io
import random
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gonghui.core.access import Access
from gonghui.core.metrics import TOTAL, Binding, Period, evaluate
from gonghui.core.models import AuditEntry
from tests.example_app import demo, services
from tests.example_app.importer import SPEC
from tests.example_app.models import Level, Library
from tests.metric_support import cadre_of

DAY = dt.date(2025, 3, 3)
LIST = "/example/"


def _library(unit, actor: Access, name, **fields):
    fields.setdefault("established_on", DAY)
    return services.library_create(actor=actor, org_unit=unit, name=name, **fields)


def _xlsx(rows) -> SimpleUploadedFile:
    wb = Workbook()
    wb.active.append(SPEC.headers)
    for row in rows:
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("书屋.xlsx", buf.getvalue())


def test_it_lists_filters_and_exports_exactly_the_owners_filtered_rows(tree, personas):
    owner = personas["owner"]
    _library(tree.union_a, owner.access, "甲书屋", level=Level.NATIONAL)
    _library(tree.union_a, owner.access, "甲二书屋")
    _library(tree.union_b, owner.access, "乙书屋", level=Level.NATIONAL)
    client = owner.client()
    assert reverse("example:library_list") == LIST
    assert client.get(LIST).context["page"].paginator.count == 2
    assert client.get(LIST, {"q": "二"}).context["page"].paginator.count == 1
    response = client.get(LIST, {"level": Level.NATIONAL, "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [row[:2] for row in rows[1:]] == [("甲书屋", "全国示范")]


def test_it_creates_shows_and_edits_a_library_through_the_pages_with_audit(tree, personas):
    client = personas["owner"].client()
    data = {
        "org_unit": tree.union_a.pk,
        "name": " 甲书屋 ",
        "level": Level.CITY,
        "established_on": "2025-03-03",
        "books": "1200",
        "funding": "5000.50",
        "active": "on",
    }
    assert client.post(reverse("example:library_create"), data).status_code == 302
    library = Library.objects.get(name="甲书屋")
    assert library.funding == Decimal("5000.50") and library.created_by == personas["owner"].user
    detail = client.get(library.get_absolute_url())
    assert "1200" in detail.content.decode()
    assert reverse("example:library_edit", args=[library.pk]) in detail.content.decode()
    edit_url = reverse("example:library_edit", args=[library.pk])
    assert client.post(edit_url, {**data, "books": "1500"}).status_code == 302
    entry = AuditEntry.objects.filter(action="example.library.updated").get()
    assert entry.changes == {"books": [1200, 1500]}
    assert AuditEntry.objects.filter(action="example.library.created").count() == 1


def test_it_refuses_a_duplicate_name_and_a_future_date_next_to_their_fields(tree, personas):
    _library(tree.union_a, personas["owner"].access, "甲书屋")
    client = personas["owner"].client()
    data = {"org_unit": tree.union_a.pk, "level": Level.BASIC, "books": 0, "funding": 0}
    response = client.post(
        reverse("example:library_create"), {**data, "name": "甲书屋", "established_on": DAY}
    )
    assert response.context["form"].errors["name"] == ["本工会已有同名职工书屋"]
    future = dt.date.today() + dt.timedelta(days=3)
    response = client.post(
        reverse("example:library_create"), {**data, "name": "新书屋", "established_on": future}
    )
    assert response.context["form"].errors["established_on"] == ["建立日期不能晚于今天"]
    assert Library.objects.count() == 1


def test_it_hides_the_registry_from_the_member_and_the_outsider(tree, personas):
    library = _library(tree.union_a, personas["owner"].access, "甲书屋")
    detail = library.get_absolute_url()
    member = personas["worker"].client()
    assert member.get(LIST).status_code == 404
    assert member.get(detail).status_code == 404
    outsider = personas["sibling"].client()
    assert outsider.get(LIST).context["page"].paginator.count == 0
    assert outsider.get(detail).status_code == 404
    assert outsider.get(LIST, {"export": "xlsx"}).status_code == 200
    # The parent federation (本级及下级) reads it.
    assert personas["parent"].client().get(detail).status_code == 200


def test_it_imports_a_file_all_or_nothing(tree, personas):
    client = personas["owner"].client()
    good = [tree.union_a.code, "甲书屋", "省级", "2024-05-01", 800, "3000"]
    outside = [tree.union_b.code, "乙书屋", "基层书屋", "2024-05-01", 100, ""]
    response = client.post(reverse("example:import"), {"file": _xlsx([good, outside])})
    assert "不在您的管辖范围内" in response.content.decode()
    assert not Library.objects.exists()
    response = client.post(reverse("example:import"), {"file": _xlsx([good])})
    assert response.status_code == 302
    library = Library.objects.get()
    assert (library.org_unit, library.level, library.books) == (tree.union_a, Level.PROVINCIAL, 800)
    template = client.get(reverse("example:import_template"))
    headers = [c.value for c in load_workbook(io.BytesIO(template.content)).active[1]]
    assert headers[: len(SPEC.headers)] == SPEC.headers


def test_it_serves_the_api_under_its_app_prefix_through_the_services(tree, personas):
    url = reverse("api:example:library-list")
    assert url == "/api/v1/example/libraries/"
    body = {"org_unit": tree.union_a.pk, "name": "甲书屋", "established_on": "2025-03-03"}
    created = personas["owner"].client().post(url, body, content_type="application/json")
    assert created.status_code == 201, created.content.decode()
    assert AuditEntry.objects.filter(action="example.library.created").exists()
    outsider = personas["sibling"].client()
    refused = outsider.post(url, {**body, "name": "乙书屋"}, content_type="application/json")
    assert refused.status_code == 400
    assert outsider.get(url).json()["results"] == []
    member = personas["worker"].client()
    assert member.get(url).json()["results"] == []
    assert Library.objects.count() == 1


def test_it_counts_the_libraries_established_in_the_period(tree, personas):
    _library(tree.union_a, personas["owner"].access, "甲书屋")
    _library(tree.union_a, personas["owner"].access, "旧书屋", established_on=dt.date(2020, 1, 1))
    binding = Binding.of("example.libraries")
    result = evaluate(
        [binding],
        access=cadre_of(tree.district),
        root_path=tree.district.path,
        period=Period.year(2025),
        group_paths=[tree.street_a.path, tree.street_b.path],
    )[binding]
    assert (result[TOTAL], result[tree.street_a.path], result[tree.street_b.path]) == (1, 1, 0)


def test_it_loads_the_demo_libraries_once(tree, personas):
    def load():
        demo.load(
            district=tree.district,
            today=DAY,
            rng=random.Random(1),
            actor=personas["district_admin"].access,
        )

    load()
    count = Library.objects.count()
    load()
    assert count > 0 and Library.objects.count() == count
