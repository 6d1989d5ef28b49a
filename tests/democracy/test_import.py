"""Congress import: template, all-or-nothing with row errors, create and update."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gonghui.democracy.importer import COLUMNS
from gonghui.democracy.models import Congress, Disclosure

HEADERS = [c.header for c in COLUMNS]


def _file(rows, headers=HEADERS):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("职代会.xlsx", buf.getvalue())


def _row(code, **kw):
    values = {
        "form": "职工代表大会",
        "established_on": "2023-05-01",
        "term_started_on": "",
        "term_years": 3,
        "representatives_total": 30,
        "frontline_count": 20,
        "managers_count": 5,
        "women_count": 10,
        "disclosure": "是",
        **kw,
    }
    return [code, *(values[c.key] for c in COLUMNS[1:])]


def test_the_template_has_the_columns(personas):
    response = personas["owner"].client().get(reverse("democracy:import_template"))
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb.active[1]] == HEADERS


def test_a_bad_row_imports_nothing_and_names_the_row(tree, personas):
    good = _row(tree.enterprise_a.credit_code)
    bad = _row(tree.enterprise_b.credit_code, term_years=6, managers_count=40)
    response = (
        personas["owner"].client().post(reverse("democracy:import"), {"file": _file([good, bad])})
    )
    body = response.content.decode()
    assert "届期应为3至5的整数" in body
    # enterprise_b is union_b's: out of the owner's scope.
    assert "不在您的管辖范围内" in body
    assert "不能超过代表总数（30）" in body
    assert '<td class="num">3</td>' in body
    assert not Congress.objects.exists() and not Disclosure.objects.exists()


def test_a_good_file_creates_then_updates(tree, personas):
    client = personas["owner"].client()
    code = tree.enterprise_a.credit_code
    response = client.post(reverse("democracy:import"), {"file": _file([_row(code)])})
    assert response.status_code == 302
    congress = Congress.objects.get()
    assert (congress.org_unit, congress.representatives_total) == (tree.union_a, 30)
    assert Disclosure.objects.filter(enterprise=tree.enterprise_a).exists()
    client.post(
        reverse("democracy:import"), {"file": _file([_row(code, representatives_total=40)])}
    )
    congress.refresh_from_db()
    assert Congress.objects.count() == 1 and congress.representatives_total == 40


def test_duplicate_rows_and_unknown_headers_are_reported(tree, personas):
    code = tree.enterprise_a.credit_code
    client = personas["owner"].client()
    response = client.post(reverse("democracy:import"), {"file": _file([_row(code), _row(code)])})
    assert "与第2行重复" in response.content.decode()
    response = client.post(
        reverse("democracy:import"), {"file": _file([_row(code)], headers=["单位", *HEADERS[1:]])}
    )
    body = response.content.decode()
    assert "无法识别的列名" in body and "缺少必填列" in body
    assert not Congress.objects.exists()


def test_workers_cannot_import(personas):
    assert personas["worker"].client().get(reverse("democracy:import")).status_code == 404
