"""Plan year, outline sections, file reading and the `gonghui plan extract` command."""

import json
from io import StringIO

import docx
import pytest
from django.core.management import CommandError, call_command

from gonghui.plans.extract import PlanFileError, extract, read_plan_file, read_year

OUTLINE = """市总工会2024年工作要点
2024年全市工会工作的总体要求是：坚持稳中求进。
一、强化思想政治引领
（一）深化理论武装。全年举办工会干部培训班2期。
（二）加强宣传阵地建设。新建职工书屋15家。
二、推进工会组织建设
1.扩大组织覆盖。全年新建工会组织120家。
2.规范基层建设。已建会企业职代会建制率保持在95%以上。
1
3.加强工会干部队伍建设。三季度举办一期工会干部培训班。
 4.加强财务管理。
"""


def test_sections_from_an_outline():
    sections = extract(OUTLINE).sections
    assert [(s.level, s.number, s.title) for s in sections] == [
        (1, "一", "强化思想政治引领"),
        (2, "（一）", "深化理论武装"),
        (2, "（二）", "加强宣传阵地建设"),
        (1, "二", "推进工会组织建设"),
        (3, "1", "扩大组织覆盖"),
        (3, "2", "规范基层建设"),
        (3, "3", "加强工会干部队伍建设"),
        (3, "4", "加强财务管理"),
    ]
    first, second = sections[0], sections[3]
    assert OUTLINE[first.start :].startswith("一、")
    assert first.end == second.start and sections[-1].end == len(OUTLINE)


def test_ocr_split_item_numbers():
    text = "一、总体\n14、甲工作。\n1\n5、乙工作。\n16、丙工作。\n二、其他\n17、丁。\n 8、戊。\n"
    sections = extract(text, year=2024).sections
    assert [s.number for s in sections] == ["一", "14", "15", "16", "二", "17", "18"]
    assert text[sections[2].start] == "1" and sections[2].title == "乙工作"


def test_page_break_markers_are_not_sections():
    text = (
        "一、总体要求\n1、要把学习宣传习近平新时代中国特色社会主义思想和党的二十大精神，作为全区各级工会的\n"
        "2、首要政治任务。\n2、抓好宣传。\n"
    )
    assert [s.number for s in extract(text).sections] == ["一", "1", "2"]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("XX区总工会2024年工作要点\n2024年,全区工会工作总体要求是", 2024),
        ("二〇二五年工会工作要点\n坚持……", 2025),
        ("2023年是全面贯彻落实党的二十大精神的开局之年。继续实施《2021-2025年规划》", 2023),
        ("力争通过三年的努力，到2012年，建制率达到80%。", None),
        ("没有年份的文字", None),
    ],
)
def test_plan_year(text, year):
    assert read_year(text) == year


def test_read_txt_utf8_bom_and_gb18030(tmp_path):
    text = "市总工会2024年工作要点\n全年新建工会组织120家。"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8-sig"))
    (tmp_path / "b.txt").write_bytes(text.encode("gb18030"))
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    for name in ("a.txt", "b.txt", "c.txt"):
        assert read_plan_file(tmp_path / name) == text


def test_read_docx_paragraphs_and_tables(tmp_path):
    document = docx.Document()
    document.add_paragraph("区总工会2024年工作要点")
    document.add_paragraph("一、组织建设")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "目标"
    table.cell(1, 0).text = "新建工会组织"
    table.cell(1, 1).text = "全年新建工会组织120家"
    document.add_paragraph("二、三季度举办全区职工技能比赛。")
    path = tmp_path / "plan.docx"
    document.save(path)
    text = read_plan_file(path)
    assert text.splitlines()[0] == "区总工会2024年工作要点"
    assert "全年新建工会组织120家" in text
    assert text.index("新建工会组织120家") < text.index("三季度")
    result = extract(text)
    assert [t.value for t in result.targets] == [120]
    assert [m.due.isoformat() for m in result.milestones] == ["2024-09-30"]


def test_bad_files(tmp_path):
    with pytest.raises(PlanFileError, match="找不到文件"):
        read_plan_file(tmp_path / "missing.txt")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(PlanFileError, match="不支持"):
        read_plan_file(tmp_path / "x.pdf")
    (tmp_path / "broken.docx").write_bytes(b"not a zip")
    with pytest.raises(PlanFileError, match="无法打开"):
        read_plan_file(tmp_path / "broken.docx")


def _run(*args) -> str:
    out = StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


def test_cli_json_shape(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(
        "区总工会2024年工作要点\n全年筹集温暖资金80万元，每个街道建成职工驿站3到5个。"
        "三季度举办全区职工技能比赛。",
        encoding="utf-8",
    )
    data = json.loads(_run("extract", str(path), "--json"))
    assert set(data) == {"targets", "milestones"}
    warm, inns = data["targets"]
    assert warm == {
        "quote": "全年筹集温暖资金80万元",
        "indicator": "筹集温暖资金",
        "scope": "",
        "comparator": "=",
        "value": 800000,
        "unit": "元",
    }
    assert inns["value"] == 3 and inns["value_max"] == 5
    assert data["milestones"] == [
        {"quote": "三季度举办全区职工技能比赛", "task": "举办全区职工技能比赛", "due": "2024-09-30"}
    ]
    data = json.loads(_run("extract", str(path), "--json", "--year", "2025"))
    assert data["milestones"][0]["due"] == "2025-09-30"


def test_cli_summary_and_errors(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("2024年工作要点\n入会率增长20%。", encoding="utf-8")
    out = _run("extract", str(path))
    assert "计划年度：2024" in out and "入会率 增长 20%" in out
    with pytest.raises(CommandError, match="找不到文件"):
        _run("extract", str(tmp_path / "nope.txt"))
