"""The roster's columns (名册导入模板) as a core.imports Spec: headers, synonyms, dropdowns."""

from __future__ import annotations

from gonghui.core.dictionaries import Dictionary
from gonghui.core.imports import cells
from gonghui.core.imports.columns import Column, Spec
from gonghui.core.validators import id_check_char, mask_id_number, mask_phone
from gonghui.members.models import Education

YES, NO = cells.YES, cells.NO
# Only the dropdown of the 是/否 columns: the cells are read by cells.parse_bool.
YES_NO = Dictionary([("yes", YES), ("no", NO)])
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

COLUMNS: tuple[Column, ...] = (
    Column("name", "姓名", True, "必填，不超过50个字", example="张三"),
    Column(
        "id_number",
        "身份证号",
        True,
        "必填，18位居民身份证号；请以文本格式填写，末位X大小写均可",
        synonyms=("公民身份号码", "身份证号码"),
        parser=cells.parse_id_card,
        example="11010519800101003" + id_check_char("11010519800101003"),
        text_format=True,
        mask=mask_id_number,
    ),
    Column(
        "phone",
        "手机号",
        help="选填，11位大陆手机号码",
        synonyms=("手机号码", "联系电话"),
        example="13800138000",
        text_format=True,
        mask=mask_phone,
    ),
    Column(
        "credit_code",
        "工作单位统一社会信用代码",
        help="选填，18位；该用人单位须已在系统中登记",
        synonyms=("统一社会信用代码", "工作单位信用代码"),
        example="91110105MA01ABCD5F",  # structurally valid (GB 32100 + GB 11714)
        text_format=True,
    ),
    Column(
        "joined_on",
        "入会日期",
        True,
        "必填，如 2020-05-01、2020/5/1、20200501 或 2020年5月1日；不能晚于今天，不能早于出生日期",
        parser=cells.parse_date,
        example="2020-05-01",
    ),
    Column(
        "card_number",
        "会员证号",
        help="选填，本工会内不能重复",
        example="C00000001",
        text_format=True,
    ),
    Column(
        "is_migrant_worker",
        "农民工(是/否)",
        help="选填，下拉选择“是”或“否”，空白视为“否”",
        synonyms=("农民工", "是否农民工"),
        parser=cells.parse_bool,
        dictionary=YES_NO,
        example=NO,
    ),
    Column(
        "is_new_form",
        "新就业形态(是/否)",
        help="选填，下拉选择“是”或“否”，空白视为“否”",
        synonyms=("新就业形态", "是否新就业形态", "新就业形态劳动者"),
        parser=cells.parse_bool,
        dictionary=YES_NO,
        example=YES,
    ),
    Column(
        "education",
        "学历",
        help="选填，下拉选择：" + EDUCATION.accepted(),
        synonyms=("文化程度",),
        dictionary=EDUCATION,
        example=Education.BACHELOR.label,
        # Common spellings (本科, 大专, 硕士 ...) are accepted on import, so typing one only warns.
        dropdown_warns=True,
    ),
)
SPEC = Spec(
    sheet="会员名册",
    columns=COLUMNS,
    help_lines=(
        "1. 请在“会员名册”工作表第2行起逐行填写，第1行表头请勿修改，空行会被跳过。",
        "2. 文件中任何一行有误，整个文件都不会导入；系统会列出每一个错误的行号、列名和原因。",
        "3. 按身份证号识别职工：再次导入同一人会更新其信息，不会重复登记。",
        "4. 已是其他工会在册会员的职工，请先办理会员关系接转，不能直接导入。",
        "5. 身份证号、手机号、会员证号请以文本格式填写，避免末尾数字丢失。",
    ),
)
COLUMN_BY_KEY = SPEC.by_key
HEADERS = SPEC.headers
DATA_SHEET = SPEC.sheet
EDUCATION_EXTRA = "；也可填写本科、大专、硕士、高中、中专等常用写法"
