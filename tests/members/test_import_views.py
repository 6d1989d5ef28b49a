"""名册导入 pages (core's upload and result pages): template download, upload, result / errors /
progress, the bounded upload, access."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from openpyxl import load_workbook

from gonghui.core.imports.jobs import IMPORT
from gonghui.core.models import Job, JobState
from gonghui.members.importer import IMPORTER
from gonghui.members.models import Education, Person
from gonghui.members.roster.columns import HEADERS
from tests.factories import make_id_number
from tests.members.import_helpers import good_row, write_roster

# Enqueued and left for a worker.
DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def post_file(client, tmp_path, rows, union, name="会员名册.xlsx"):
    path = write_roster(tmp_path / "upload.xlsx", rows)
    return post_bytes(client, path.read_bytes(), union, name)


def post_bytes(client, data: bytes, union, name="会员名册.xlsx"):
    return client.post(
        reverse("members:import"), {"union": union.pk, "file": SimpleUploadedFile(name, data)}
    )


def make_job(owner, **fields) -> Job:
    params = {"importer": IMPORTER.name, "original": "a.xlsx", "file": "imports/none.xlsx"}
    defaults = {"kind": IMPORT, "title": "名册导入：a.xlsx", "owner": owner.user, "params": params}
    return Job.objects.create(**(defaults | fields))


def test_it_serves_the_template_with_nine_columns_and_dropdowns(personas):
    response = personas["owner"].client().get(reverse("members:import_template"))

    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    assert "%E4%BC%9A%E5%91%98%E5%90%8D%E5%86%8C" in response["Content-Disposition"]  # 会员名册
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
        str(cells)[0]: dv for dv in ws.data_validations.dataValidation for cells in dv.sqref.ranges
    }
    assert '"是,否"' == lists["G"].formula1 == lists["H"].formula1
    assert lists["I"].formula1 == '"' + ",".join(label for _, label in Education.choices) + '"'
    assert lists["I"].errorStyle == "warning" and "本科、大专" in lists["I"].error
    help_rows = [[c.value for c in row] for row in wb["填写说明"].iter_rows()]
    assert help_rows[0] == ["列名", "是否必填", "填写要求", "示例"]
    assert help_rows[2][:2] == ["身份证号", "必填"]
    assert any(row[0] and "按身份证号识别职工" in row[0] for row in help_rows)


def test_it_lets_the_owner_upload_and_shows_the_summary(personas, tree, tmp_path):
    client = personas["owner"].client()
    rows = [good_row(身份证号=make_id_number()), good_row(身份证号=make_id_number())]

    response = post_file(client, tmp_path, rows, tree.union_a)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("members:person_list")
    assert job.state == JobState.DONE
    assert job.params["options"] == {"union": tree.union_a.pk}
    assert Person.objects.filter(current_union=tree.union_a).count() == 3
    page = client.get(response["Location"]).content.decode()
    assert "导入成功：共2行，新增2人" in page
    result = client.get(reverse("core:import_result", args=[job.pk])).content.decode()
    assert "新增" in result and reverse("members:person_list") in result
    assert 'hx-trigger="every 1s"' not in result


def test_it_shows_the_error_table_and_the_error_report(personas, tree, tmp_path):
    client = personas["owner"].client()
    rows = [good_row(身份证号=make_id_number()), good_row(身份证号=make_id_number(), 手机号="999")]

    response = post_file(client, tmp_path, rows, tree.union_a)

    page = response.content.decode()
    assert response.status_code == 200
    assert "整个文件未导入" in page
    assert '<td class="num">3</td><td>手机号</td><td>***</td>' in page  # personal data masked
    job = Job.objects.get()
    download = reverse("core:job_download", args=[job.pk])
    assert download in page
    report = client.get(download)
    assert report.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(report.streaming_content))).active
    assert [c.value for c in ws[1]] == ["行号", *HEADERS, "错误说明"]
    row = [c.value for c in ws[2]]
    assert row[0] == 3 and row[3] == "***" and row[-1].startswith("[手机号] 手机号应为11位")


def test_it_reports_a_database_conflict_with_the_rows_cells(personas, tree, tmp_path):
    client = personas["owner"].client()
    taken = tree.member_a.card_number
    rows = [good_row(身份证号=make_id_number(), 姓名="孙小美", 会员证号=taken)]

    response = post_file(client, tmp_path, rows, tree.union_a)

    assert "已被其他会员使用" in response.content.decode()
    report = client.get(reverse("core:job_download", args=[Job.objects.get().pk]))
    ws = load_workbook(io.BytesIO(b"".join(report.streaming_content))).active
    row = [c.value for c in ws[2]]
    assert (row[0], row[1], row[6]) == (2, "孙小美", taken)


@override_settings(GONGHUI_IMPORT_BACKGROUND_ROWS=1, TASKS=DUMMY)
def test_it_sends_a_large_upload_to_the_background(personas, tree, tmp_path):
    client = personas["owner"].client()
    rows = [good_row(身份证号=make_id_number()) for _ in range(3)]

    response = post_file(client, tmp_path, rows, tree.union_a)

    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:import_result", args=[job.pk])
    assert (job.state, job.total) == (JobState.QUEUED, 3)
    page = client.get(response["Location"]).content.decode()
    assert "已转入后台导入" in page and 'hx-trigger="every 1s"' in page


def test_it_polls_progress_until_the_job_is_done(personas):
    owner = personas["owner"]
    job = make_job(owner, state=JobState.RUNNING, total=200, done=50)
    client = owner.client()

    page = client.get(reverse("core:import_result", args=[job.pk])).content.decode()
    progress_url = reverse("core:import_progress", args=[job.pk])
    assert f'hx-get="{progress_url}"' in page and 'hx-trigger="every 1s"' in page
    assert "已校验 50 / 200 行（25%）" in page
    assert reverse("members:import") in page  # back to the roster's own upload page

    job.state, job.done = JobState.DONE, 200
    job.params |= {"created": 200, "updated": 0, "rows": 200}
    job.save()
    partial = client.get(progress_url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger" not in partial
    assert "200" in partial and "新增" in partial
    assert "<html" not in partial


def test_it_offers_unions_in_scope_defaulting_to_the_acting_unit(personas, tree):
    response = personas["owner"].client().get(reverse("members:import"))

    form = response.context["form"]
    assert list(form.fields) == ["union", "file"]
    assert list(form.fields["union"].queryset) == [tree.union_a]
    assert form.fields["union"].initial == tree.union_a.pk
    assert form.fields["file"].label == "名册文件"
    parent_form = personas["parent"].client().get(reverse("members:import")).context["form"]
    assert set(parent_form.fields["union"].queryset) == {tree.union_a, tree.union_b}


def test_it_refuses_to_upload_into_a_union_outside_scope(personas, tree, tmp_path):
    response = post_file(personas["owner"].client(), tmp_path, [good_row()], tree.union_b)

    assert response.status_code == 200
    assert "union" in response.context["form"].errors
    assert not Job.objects.exists()


def test_it_rejects_a_file_that_is_not_excel(personas, tree):
    response = post_bytes(personas["owner"].client(), b"a,b", tree.union_a, name="名册.csv")

    assert "请上传 Excel 文件" in response.content.decode()
    assert not Job.objects.exists()


def _declaring(rows: int, tmp_path) -> bytes:
    """A small roster whose sheet XML declares ``rows`` rows (as a crafted file would)."""
    path = write_roster(tmp_path / "small.xlsx", [good_row(身份证号=make_id_number())])
    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="A1:I{rows}"'.encode(), data
                )
            target.writestr(item.filename, data)
    return out.getvalue()


def test_it_refuses_an_oversized_sheet_before_reading_it(personas, tree, tmp_path, settings):
    settings.GONGHUI_IMPORT_MAX_ROWS = 1000
    before = Person.objects.count()

    response = post_bytes(personas["owner"].client(), _declaring(5000, tmp_path), tree.union_a)

    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert error.startswith("文件过大：工作表声明的范围超过 1000 行") and "A1:I5000" in error
    assert "文件过大" in response.content.decode()
    assert not Job.objects.exists() and Person.objects.count() == before


def test_it_refuses_an_upload_over_the_size_limit(personas, tree, tmp_path, settings):
    settings.GONGHUI_IMPORT_MAX_BYTES = 1024 * 1024
    data = b"PK" + b"\0" * (1024 * 1024)

    response = post_bytes(personas["owner"].client(), data, tree.union_a)

    assert response.context["form"].errors["file"] == ["文件过大：上传文件不能超过 1 MB"]
    assert not Job.objects.exists()


def test_it_explains_a_file_that_is_not_a_spreadsheet(personas, tree):
    response = post_bytes(personas["owner"].client(), b"not a spreadsheet", tree.union_a)

    assert response.status_code == 200
    assert "无法读取该文件，请上传用导入模板填写的 Excel 文件" in response.content.decode()
    assert Job.objects.get().state == JobState.FAILED


def test_it_lists_the_users_own_recent_jobs_only(personas):
    make_job(personas["owner"], params={"importer": IMPORTER.name, "original": "甲工会名册.xlsx"})
    make_job(personas["owner"], params={"importer": "contracts", "original": "合同台账.xlsx"})

    own = personas["owner"].client().get(reverse("members:import")).content.decode()
    assert "甲工会名册.xlsx" in own and "合同台账.xlsx" not in own
    for other in ("parent", "sibling"):
        page = personas[other].client().get(reverse("members:import")).content.decode()
        assert "甲工会名册.xlsx" not in page


@pytest.mark.parametrize("name", ["import_result", "import_progress", "job_download"])
@pytest.mark.parametrize("other", ["sibling", "parent"])
def test_it_hides_a_job_from_anyone_but_its_owner(personas, name, other):
    job = make_job(personas["owner"], state=JobState.FAILED)

    response = personas[other].client().get(reverse(f"core:{name}", args=[job.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize("name", ["import", "import_template"])
def test_it_is_not_found_for_a_worker(personas, name):
    assert personas["worker"].client().get(reverse(f"members:{name}")).status_code == 404


def test_it_is_not_found_for_an_auditor(personas):
    assert personas["auditor"].client().get(reverse("members:import")).status_code == 404


@pytest.mark.parametrize("name", ["import", "import_template"])
def test_it_sends_anonymous_visitors_to_the_login_page(db, name):
    response = Client().get(reverse(f"members:{name}"))

    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
