"""Columns of the roster template (名册导入模板), shared by template, reader and validator."""

from __future__ import annotations

from dataclasses import dataclass

from gonghui.core.dictionaries import Dictionary, fold
from gonghui.members.models import Education

YES, NO = "是", "否"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    help: str = ""
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", required=True, help="必填，不超过50个字"),
    Column(
        "id_number",
        "身份证号",
        required=True,
        help="必填，18位居民身份证号；请以文本格式填写，末位X大小写均可",
        aliases=("公民身份号码", "身份证号码"),
    ),
    Column("phone", "手机号", help="选填，11位大陆手机号码", aliases=("手机号码", "联系电话")),
    Column(
        "credit_code",
        "工作单位统一社会信用代码",
        help="选填，18位；该用人单位须已在系统中登记",
        aliases=("统一社会信用代码", "工作单位信用代码"),
    ),
    Column(
        "joined_on",
        "入会日期",
        required=True,
        help=(
            "必填，如 2020-05-01、2020/5/1、20200501 或 2020年5月1日；"
            "不能晚于今天，不能早于出生日期"
        ),
    ),
    Column("card_number", "会员证号", help="选填，本工会内不能重复"),
    Column(
        "is_migrant_worker",
        "农民工(是/否)",
        help="选填，下拉选择“是”或“否”，空白视为“否”",
        aliases=("农民工", "是否农民工"),
    ),
    Column(
        "is_new_form",
        "新就业形态(是/否)",
        help="选填，下拉选择“是”或“否”，空白视为“否”",
        aliases=("新就业形态", "是否新就业形态", "新就业形态劳动者"),
    ),
    Column(
        "education",
        "学历",
        help="选填，下拉选择：" + "、".join(label for _, label in Education.choices),
        aliases=("文化程度",),
    ),
)

COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
HEADERS = [c.header for c in COLUMNS]
# Columns people often add in front of a roster; they are ignored, not rejected.
IGNORED_HEADERS = {"序号", "编号", "备注"}
DATA_SHEET = "会员名册"
HELP_SHEET = "填写说明"
# 学历 as cadres write it; each word is stored as the canonical choice.
EDUCATION = Dictionary(
    Education.choices,
    synonyms={
        "博士": Education.POSTGRADUATE,
        "博士研究生": Education.POSTGRADUATE,
        "硕士": Education.POSTGRADUATE,
        "硕士研究生": Education.POSTGRADUATE,
        "研究生及以上": Education.POSTGRADUATE,
        "本科": Education.BACHELOR,
        "大本": Education.BACHELOR,
        "学士": Education.BACHELOR,
        "大专": Education.COLLEGE,
        "专科": Education.COLLEGE,
        "高职": Education.COLLEGE,
        "高中": Education.SECONDARY,
        "中专": Education.SECONDARY,
        "技校": Education.SECONDARY,
        "职高": Education.SECONDARY,
        "中技": Education.SECONDARY,
        "初中": Education.JUNIOR,
        "小学": Education.JUNIOR,
        "初中以下": Education.JUNIOR,
    },
)


def canonical_header(text: str) -> str:
    """Fold the variations people type: blanks, required-marks, full-width brackets."""
    return fold(text).replace("*", "").replace("＊", "")


HEADER_LOOKUP: dict[str, str] = {}
for _column in COLUMNS:
    for _text in (_column.header, *_column.aliases):
        HEADER_LOOKUP[canonical_header(_text)] = _column.key
