"""名册导入 pages: template download, upload, job result / errors / progress, access."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.members.models import Education, ImportJob, ImportStatus, Person
from gonghui.members.roster.columns import HEADERS
from tests.factories import make_id_number
from tests.members.import_helpers import good_row, write_roster

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def post_file(client, tmp_path, rows, union):
    path = write_roster(tmp_path / "upload.xlsx", rows)
    return client.post(
        reverse("members:import"),
        {"union": union.pk, "file": SimpleUploadedFile("会员名册.xlsx", path.read_bytes())},
    )


def make_job(tree, owner, **fields) -> ImportJob:
    defaults = {"union": tree.union_a, "created_by": owner.user, "original_name": "a.xlsx"}
    return ImportJob.objects.create(**(defaults | fields))


def test_it_serves_the_template_with_nine_columns_and_dropdowns(personas):
    response = personas["owner"].client().get(reverse("members:import_template"))

    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["会员名册", "填写说明"]
    ws = wb["会员名册"]
    header = [c.value for c in ws[1]]
    assert header == HEADERS
    assert header == [
        "姓名",
        "身份证号",
        "手机号",
        "工作单位统一社会信用代码",
        "入会日期",
        "会员证号",
        "农民工(是/否)",
        "新就业形态(是/否)",
        "学历",
    ]
    lists = {
        str(cells)[0]: dv.formula1
        for dv in ws.data_validations.dataValidation
        for cells in dv.sqref.ranges
    }
    assert '"是,否"' == lists["G"] == lists["H"]
    assert lists["I"] == '"' + ",".join(label for _, label in Education.choices) + '"'


def test_it_lets_the_owner_upload_and_shows_the_summary(personas, tree, tmp_path):
    client = personas["owner"].client()
    rows = [good_row(身份证号=make_id_number()), good_row(身份证号=make_id_number())]

    response = post_file(client, tmp_path, rows, tree.union_a)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("members:import_job", args=[job.pk])
    assert job.status == ImportStatus.DONE
    assert Person.objects.filter(current_union=tree.union_a).count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "新增" in page and "2 人" in page
    assert reverse("members:person_list") in page
    assert 'hx-trigger="every 1s"' not in page


def test_it_shows_the_error_table_and_the_error_report(personas, tree, tmp_path):
    client = personas["owner"].client()
    rows = [good_row(身份证号=make_id_number()), good_row(身份证号=make_id_number(), 手机号="999")]

    response = post_file(client, tmp_path, rows, tree.union_a)

    page = client.get(response["Location"]).content.decode()
    assert "整个文件未导入" in page
    assert '<td class="num">3</td><td>手机号</td><td>999</td>' in page
    report = client.get(response["Location"] + "?export=xlsx")
    assert report.status_code == 200
    ws = load_workbook(io.BytesIO(report.content)).active
    assert [c.value for c in ws[1]] == ["行号", "列", "值", "原因"]
    assert [c.value for c in ws[2]][:3] == [3, "手机号", "999"]


@override_settings(GONGHUI_IMPORT_BACKGROUND_ROWS=1, TASKS=IMMEDIATE)
def test_it_sends_a_large_upload_to_the_background(personas, tree, tmp_path):
    client = personas["owner"].client()
    rows = [good_row(身份证号=make_id_number()) for _ in range(3)]

    response = post_file(client, tmp_path, rows, tree.union_a)

    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert job.status == ImportStatus.DONE
    assert job.processed_rows == job.total_rows == 3


def test_it_polls_progress_until_the_job_is_done(personas, tree):
    owner = personas["owner"]
    job = make_job(tree, owner, status=ImportStatus.RUNNING, total_rows=200, processed_rows=50)
    client = owner.client()

    page = client.get(reverse("members:import_job", args=[job.pk])).content.decode()
    progress_url = reverse("members:import_progress", args=[job.pk])
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 1s"' in page
    assert "width: 25%" in page

    job.status, job.processed_rows, job.created_count = ImportStatus.DONE, 200, 200
    job.save()
    partial = client.get(progress_url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial
    assert "200 人" in partial
    assert "<html" not in partial


def test_it_offers_unions_in_scope_defaulting_to_the_acting_unit(personas, tree):
    response = personas["owner"].client().get(reverse("members:import"))

    form = response.context["form"]
    assert list(form.fields["union"].queryset) == [tree.union_a]
    assert form.fields["union"].initial == tree.union_a.pk
    parent_form = personas["parent"].client().get(reverse("members:import")).context["form"]
    assert set(parent_form.fields["union"].queryset) == {tree.union_a, tree.union_b}


def test_it_refuses_to_upload_into_a_union_outside_scope(personas, tree, tmp_path):
    response = post_file(personas["owner"].client(), tmp_path, [good_row()], tree.union_b)

    assert response.status_code == 200
    assert "union" in response.context["form"].errors
    assert not ImportJob.objects.exists()


def test_it_rejects_a_file_that_is_not_excel(personas, tree):
    response = (
        personas["owner"]
        .client()
        .post(
            reverse("members:import"),
            {"union": tree.union_a.pk, "file": SimpleUploadedFile("名册.csv", b"a,b")},
        )
    )

    assert "请上传 Excel 文件" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_it_lists_recent_jobs_in_scope_only(personas, tree):
    make_job(tree, personas["owner"], original_name="甲工会名册.xlsx")

    assert (
        "甲工会名册.xlsx"
        in personas["owner"].client().get(reverse("members:import")).content.decode()
    )
    assert (
        "甲工会名册.xlsx"
        in personas["parent"].client().get(reverse("members:import")).content.decode()
    )
    sibling_page = personas["sibling"].client().get(reverse("members:import")).content.decode()
    assert "甲工会名册.xlsx" not in sibling_page


@pytest.mark.parametrize("name", ["import_job", "import_progress"])
def test_it_hides_another_units_job_from_the_sibling(personas, tree, name):
    job = make_job(tree, personas["owner"])

    response = personas["sibling"].client().get(reverse(f"members:{name}", args=[job.pk]))

    assert response.status_code == 404


def test_it_hides_the_error_report_from_the_sibling(personas, tree):
    job = make_job(
        tree,
        personas["owner"],
        status=ImportStatus.FAILED,
        errors=[{"row": 2, "column": "姓名", "value": "", "message": "姓名不能为空"}],
    )
    url = reverse("members:import_job", args=[job.pk]) + "?export=xlsx"

    assert personas["sibling"].client().get(url).status_code == 404
    assert personas["owner"].client().get(url).status_code == 200


@pytest.mark.parametrize("name", ["import", "import_template"])
def test_it_is_not_found_for_a_worker(personas, name):
    assert personas["worker"].client().get(reverse(f"members:{name}")).status_code == 404


def test_it_is_not_found_for_an_auditor(personas, tree):
    job = make_job(tree, personas["owner"])
    client = personas["auditor"].client()

    assert client.get(reverse("members:import")).status_code == 404
    assert client.get(reverse("members:import_job", args=[job.pk])).status_code == 404


@pytest.mark.parametrize("name", ["import", "import_template"])
def test_it_sends_anonymous_visitors_to_the_login_page(db, name):
    response = Client().get(reverse(f"members:{name}"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
