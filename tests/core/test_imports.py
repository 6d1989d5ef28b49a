"""core.imports: header synonyms, typed parsers, bounded reading, all-or-nothing, template,
error report scoped to the uploader."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from gonghui.contracts.choices import ContractKind
from gonghui.contracts.importer import IMPORTER as CONTRACTS
from gonghui.contracts.models import Contract
from gonghui.core.dictionaries import Dictionary
from gonghui.core.imports import cells
from gonghui.core.imports.columns import Column, Spec
from gonghui.core.imports.errors import ImportFileError
from gonghui.core.imports.limits import check_upload
from gonghui.core.imports.reader import open_sheet
from gonghui.core.imports.report import REPORT_COLUMN
from gonghui.core.imports.runner import run_import
from gonghui.core.imports.template import build_template
from gonghui.core.models import Job
from tests.factories import make_id_number


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


SPEC = Spec(
    sheet="数据",
    columns=(
        Column("name", "姓名", required=True),
        Column("id_number", "身份证号", synonyms=("公民身份号码",)),
        Column("migrant", "农民工(是/否)", synonyms=("是否农民工",), parser=cells.parse_bool),
    ),
)


def workbook_bytes(headers, rows=(), sheet="数据") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_it_maps_header_synonyms_full_width_brackets_and_required_marks():
    data = workbook_bytes(
        ["*姓名", "公民身份号码", "农民工（是／否）", "序号"], [["张三", "1", "是"]]
    )
    sheet = open_sheet(SPEC, io.BytesIO(data))
    assert sheet.header_errors == []
    assert sheet.positions == {"name": 0, "id_number": 1, "migrant": 2}
    assert list(sheet.records()) == [(2, {"name": "张三", "id_number": "1", "migrant": "是"})]


def test_it_reports_unknown_duplicate_and_missing_headers():
    data = workbook_bytes(["身份证号", "公民身份号码", "乱写"])
    sheet = open_sheet(SPEC, io.BytesIO(data))
    messages = [(e.column, e.message) for e in sheet.header_errors]
    assert ("B列", "列「身份证号」重复") in messages
    assert ("C列", "无法识别的列名，请使用导入模板的表头") in messages
    assert ("姓名", "缺少必填列「姓名」，请使用导入模板的表头") in messages


@pytest.mark.parametrize(
    ("parse", "value", "message"),
    [
        (cells.parse_int, "三", "应填写整数"),
        (cells.parse_int, "-1", "不能小于0"),
        (cells.parse_money, "12.345", "金额最多保留两位小数"),
        (cells.parse_money, "一百", "金额应为数字，如 1234.50（单位：元）"),
        (cells.parse_money, "-5", "金额不能为负数"),
        (cells.parse_date, "三月", cells.DATE_HINT),
        (cells.parse_date, "2023-02-30", "日期不存在：2023-02-30"),
        (cells.parse_bool, "对", "只能填写“是”或“否”"),
        (cells.parse_id_card, "11010519800101003X", "身份证号校验位错误，请核对号码"),
        (cells.parse_id_card, 110105198001010031.0, "身份证号请以文本格式填写"),
        (lambda v: cells.parse_text(v, max_length=2), "张三丰", "不能超过2个字"),
    ],
)
def test_it_explains_each_bad_cell_in_chinese(parse, value, message):
    with pytest.raises(cells.CellError) as caught:
        parse(value)
    assert caught.value.message.startswith(message)


def test_it_parses_good_cells_to_typed_values():
    assert cells.parse_int(" 1,200 ") == 1200
    assert cells.parse_money("￥1,234.5") == Decimal("1234.50")
    assert cells.parse_money(12.3) == Decimal("12.30")
    assert cells.parse_date("2020年5月1日") == dt.date(2020, 5, 1)
    assert cells.parse_date("20200501") == dt.date(2020, 5, 1)
    assert cells.parse_date(43952.0) == dt.date(2020, 5, 1)  # an Excel serial day
    assert cells.parse_date(dt.datetime(2020, 5, 1, 8, 30)) == dt.date(2020, 5, 1)
    assert cells.parse_bool("否") is False and cells.parse_bool("") is None
    number = make_id_number(birth=dt.date(1985, 3, 14))
    assert cells.parse_id_card(number.lower()).birth_date == dt.date(1985, 3, 14)
    degrees = Dictionary([("bachelor", "大学本科")], synonyms={"本科": "bachelor"})
    assert cells.choice(degrees, label="学历")(" 本科 ") == "bachelor"
    with pytest.raises(cells.CellError, match="学历只能选择：大学本科"):
        cells.choice(degrees, label="学历")("本")


def _crafted_xlsx(dimension: str) -> bytes:
    """A valid workbook whose sheet XML declares ``dimension``."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(["姓名"], [["张三"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(
                    rb'<dimension ref="[^"]*"', f'<dimension ref="{dimension}"'.encode(), data
                )
            target.writestr(item.filename, data)
    return out.getvalue()


def test_it_refuses_a_sheet_that_declares_the_whole_grid():
    upload = SimpleUploadedFile("大.xlsx", _crafted_xlsx("A1:XFD1048576"))
    with pytest.raises(ImportFileError) as caught:
        check_upload(upload)
    assert caught.value.message.startswith("文件过大：工作表声明的范围超过")
    assert "A1:XFD1048576" in caught.value.message
    outcome = run_import(CONTRACTS, access=None, file=upload)  # refused before parsing
    assert outcome.problem.startswith("文件过大：工作表声明的范围超过")
    check_upload(SimpleUploadedFile("小.xlsx", _crafted_xlsx("A1:A2")))  # a small one passes


def _far_cell_xlsx(cell: str, *, dimension: str | None = None, tag: str = "c") -> bytes:
    """A 5 KB workbook with one more cell at ``cell``: its sheet declares no dimension (or a
    false one) — what made calamine allocate 512 GB and abort the server."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(["姓名"], [["张三"]])))
    row = re.sub(r"\D", "", cell)
    far = f'<row r="{row}"><{tag} t="inlineStr" s="0" r="{cell}"><is><t>x</t></is></{tag}></row>'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                declared = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
                data = re.sub(rb"<dimension [^>]*/>", declared, data)
                data = data.replace(b"</sheetData>", far.encode() + b"</sheetData>")
            target.writestr(item.filename, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "crafted",
    [
        _far_cell_xlsx("XFD1048576"),
        _far_cell_xlsx("XFD1048576", dimension="A1:A2"),
        _far_cell_xlsx("XFD1048576", dimension="A1"),
    ],
    ids=["no-dimension", "false-range", "false-cell"],
)
def test_it_refuses_a_far_cell_whatever_the_sheet_declares(crafted):
    assert len(crafted) < 8 * 1024  # a few KB
    with pytest.raises(ImportFileError) as caught:
        check_upload(io.BytesIO(crafted))
    assert caught.value.message.startswith("文件过大：工作表中有数据的范围超过 300000 行或 200 列")
    assert "最远的单元格在第1048576行、第16384列" in caught.value.message
    # The import itself refuses it before the reader builds a range (it would abort the process).
    outcome = run_import(CONTRACTS, access=None, file=io.BytesIO(crafted))
    assert outcome.problem == caught.value.message


UNBOUNDED = {
    "GONGHUI_IMPORT_MAX_ROWS": 2_000_000,
    "GONGHUI_IMPORT_MAX_COLUMNS": 20_000,
    "GONGHUI_IMPORT_MAX_CELLS": 10**14,
}


def test_it_survives_a_reader_that_aborts_on_a_file_the_bounds_let_through(settings):
    """Bounds refuse every shape we know of; an unknown one must still not take the server
    down. With the bounds lifted, the far-cell file makes the reader ask for 512 GB: its own
    process is refused the memory and dies, and the user is told the file cannot be read."""
    for name, value in UNBOUNDED.items():
        setattr(settings, name, value)
    crafted = _far_cell_xlsx("XFD1048576")
    check_upload(io.BytesIO(crafted))  # nothing refuses it before the reader
    outcome = run_import(CONTRACTS, access=None, file=io.BytesIO(crafted))
    assert outcome.problem.startswith("无法读取该文件：读取时超出了内存或时间限制")
    # … and this process, which ran the import, is still here to read the next file.
    next_file = run_import(CONTRACTS, access=None, file=io.BytesIO(workbook_bytes(["类型"], [])))
    assert not next_file.problem and next_file.errors[0].message.startswith("缺少必填列")


def _unreferenced_xlsx(row_xml: str) -> bytes:
    """A workbook with one more row whose cells carry no reference (the reader places each
    after the one before it)."""
    source = zipfile.ZipFile(io.BytesIO(workbook_bytes(["姓名"], [["张三"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", row_xml.encode() + b"</sheetData>")
            target.writestr(item.filename, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("row_xml", "far"),
    [
        ('<row r="1048576"><c t="inlineStr"><is><t>x</t></is></c></row>', "第1048576行、第1列"),
        ("<row>" + '<c t="inlineStr"><is><t>x</t></is></c>' * 300 + "</row>", "第3行、第300列"),
    ],
    ids=["far-row", "wide-row"],
)
def test_it_places_cells_without_a_reference_as_the_reader_does(row_xml, far):
    with pytest.raises(ImportFileError, match=far):
        check_upload(io.BytesIO(_unreferenced_xlsx(row_xml)))


def test_it_bounds_the_range_the_reader_would_build(settings):
    settings.GONGHUI_IMPORT_MAX_CELLS = 100
    with pytest.raises(ImportFileError, match="工作表的单元格超过 100 个"):
        check_upload(io.BytesIO(_far_cell_xlsx("J20")))  # 20 rows × 10 columns
    check_upload(io.BytesIO(_far_cell_xlsx("J10")))  # 10 × 10 passes


def test_it_finds_the_far_cell_with_a_namespace_prefix_and_across_chunk_edges(monkeypatch):
    from gonghui.core.imports import limits

    prefixed = _far_cell_xlsx("ZZ9", tag="x:c")
    with zipfile.ZipFile(io.BytesIO(prefixed)) as archive:
        whole = limits.sheet_extent(archive, "xl/worksheets/sheet1.xml")
        monkeypatch.setattr(limits, "_SCAN_CHUNK", 7)  # every tag is cut somewhere
        assert limits.sheet_extent(archive, "xl/worksheets/sheet1.xml") == whole
    assert whole == (9, 702, 3)  # ZZ is column 702; 姓名, 张三 and the far cell


def test_it_refuses_a_zip_bomb_and_an_oversized_upload(settings):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/media/zero.bin", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(ImportFileError, match="压缩比超过"):
        check_upload(io.BytesIO(out.getvalue()))
    settings.GONGHUI_IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ImportFileError, match="文件过大：上传文件不能超过 1 MB"):
        check_upload(io.BytesIO(b"x" * (1024 * 1024 + 1)))


def contract_row(code: str, **over) -> list[str]:
    values = dict.fromkeys(c.header for c in CONTRACTS.spec.columns)
    values.update(
        {
            "类型": "综合",
            "用人单位统一社会信用代码": code,
            "签订日期": "2024-03-01",
            "期限开始": "2024-03-01",
            "期限结束": "2027-02-28",
            "工会首席代表": "王工会",
            "企业首席代表": "赵经理",
        }
    )
    values.update(over)
    return list(values.values())


def contracts_file(rows) -> SimpleUploadedFile:
    data = workbook_bytes(CONTRACTS.spec.headers, rows, sheet="集体合同")
    return SimpleUploadedFile("合同.xlsx", data)


def test_it_writes_nothing_when_one_row_is_bad_and_lists_every_bad_row(tree, personas):
    code = tree.enterprise_a.credit_code
    upload = contracts_file(
        [
            contract_row(code),
            contract_row(code, 类型="福利"),
            contract_row(code, 期限开始="", 签订日期="三月"),
        ]
    )
    outcome = run_import(CONTRACTS, access=personas["owner"].access, file=upload)
    assert not outcome.ok and not Contract.objects.exists()
    assert [(e.row, e.column) for e in outcome.errors] == [
        (3, "类型"),
        (4, "签订日期"),
        (4, "期限开始"),
    ]
    assert outcome.bad_rows[3][0] == "福利"
    good = run_import(
        CONTRACTS, access=personas["owner"].access, file=contracts_file([contract_row(code)])
    )
    assert good.ok and good.created == 1 and Contract.objects.count() == 1


def test_it_builds_a_template_with_dropdowns_and_a_help_sheet():
    wb = load_workbook(io.BytesIO(build_template(CONTRACTS.spec)))
    assert wb.sheetnames == ["集体合同", "填写说明"]
    ws = wb["集体合同"]
    lists = {
        str(rng).split(":")[0]: dv.formula1
        for dv in ws.data_validations.dataValidation
        for rng in dv.sqref.ranges
    }
    assert lists["A2"] == '"' + ",".join(ContractKind.labels) + '"'
    assert "C2" in lists
    assert [c.value for c in wb["填写说明"][1]] == ["列名", "是否必填", "填写要求", "示例"]


def test_it_lets_only_the_uploader_download_the_error_report(tree, personas):
    owner = personas["owner"].client()
    code = tree.enterprise_a.credit_code
    response = owner.post(
        reverse("contracts:import"), {"file": contracts_file([contract_row(code, 类型="福利")])}
    )
    assert response.status_code == 200
    job = Job.objects.get()
    download = reverse("core:job_download", args=[job.pk])
    assert download in response.content.decode()
    report = owner.get(download)
    assert report.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(report.streaming_content))).active
    header = [c.value for c in ws[1]]
    assert header[0] == "行号" and header[-1] == REPORT_COLUMN
    row = [c.value for c in ws[2]]
    assert row[0] == 2 and row[1] == "福利" and "[类型]" in row[-1]
    other = personas["parent"].client()
    assert other.get(download).status_code == 404
    assert other.get(reverse("core:import_result", args=[job.pk])).status_code == 404
    assert owner.get(reverse("core:import_result", args=[job.pk])).status_code == 200


@pytest.mark.django_db
def test_it_refuses_the_far_cell_on_the_upload_page_and_stores_nothing(personas):
    crafted = SimpleUploadedFile("合同台账.xlsx", _far_cell_xlsx("XFD1048576"))

    response = personas["owner"].client().post(reverse(CONTRACTS.upload_url), {"file": crafted})

    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert error.startswith("文件过大：工作表中有数据的范围超过 300000 行或 200 列")
    assert "文件过大" in response.content.decode()
    assert not Job.objects.exists() and not Contract.objects.exists()
