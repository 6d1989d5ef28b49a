"""Parameters of the assistance work line (core.parameters). Thresholds differ by city and
year: the 低保标准 is set by the city or county government (城市居民最低生活保障条例 art. 6) and
recorded here per unit and period; the category rules are local practice (REPORTED in
Qingdao and Pingdingshan), so every multiplier and share is a parameter, never a constant."""

from gonghui.assistance.choices import AssistanceType, CampaignKind, Category, StudentLevel
from gonghui.core.parameters import ParameterKind, ParameterSpec, register_parameters

GROUP = "困难职工帮扶"

# Which assistance types need a file in force first (先建档、后帮扶): local practice.
FILE_REQUIRED_BY_DEFAULT = {
    AssistanceType.LIVING: 1,
    AssistanceType.MEDICAL: 1,
    AssistanceType.SCHOOLING: 0,  # 金秋助学 also aids children of households not on file
    AssistanceType.EMPLOYMENT: 0,
    AssistanceType.WARMTH: 1,
    AssistanceType.LEGAL: 0,
}


def requires_file_key(assistance_type: str) -> str:
    return f"assistance_requires_file_{assistance_type}"


CAMPAIGN_GROUP = "帮扶活动"
# 金秋助学 per student, Tianmen 2024 for on-file households (REPORTED; a local example).
AUTUMN_BY_DEFAULT = {
    StudentLevel.HIGH_SCHOOL: 3000,
    StudentLevel.VOCATIONAL: 3000,
    StudentLevel.COLLEGE: 5000,
    StudentLevel.UNDERGRADUATE: 5000,
    StudentLevel.POSTGRADUATE: 5000,
}
# Kinds paid per household by category (金秋助学 is paid per student by level instead).
PER_HOUSEHOLD_KINDS = (CampaignKind.WARMTH, CampaignKind.COOL, CampaignKind.OTHER)


def household_amount_key(kind: str, category: str) -> str:
    return f"campaign_{kind}_amount_{category}"


def student_amount_key(level: str) -> str:
    return f"campaign_autumn_amount_{level}"


register_parameters(
    ParameterSpec(
        "hardship_dibao_monthly",
        "城市居民最低生活保障标准",
        0,
        kind=ParameterKind.MONEY,
        unit_label="元/月",
        group=GROUP,
        source="当地人民政府确定并公布的低保标准（城市居民最低生活保障条例第六条）；0 表示尚未录入",
    ),
    ParameterSpec(
        "hardship_relative_multiplier",
        "相对困难职工收入上限（低保标准的倍数）",
        2,
        kind=ParameterKind.DECIMAL,
        unit_label="倍",
        minimum=1,
        group=GROUP,
        source="青岛、平顶山等地做法：低于低保标准2倍",
    ),
    ParameterSpec(
        "hardship_accident_share",
        "意外致困：当年支出或损失占家庭年收入比例超过",
        80,
        kind=ParameterKind.PERCENT,
        unit_label="%",
        minimum=1,
        maximum=100,
        group=GROUP,
        source="青岛市做法（80%）",
    ),
    ParameterSpec(
        "hardship_migrant_months",
        "困难农民工：本地实际用工至少",
        12,
        unit_label="个月",
        group=GROUP,
        source="青岛市做法（1年）",
    ),
    ParameterSpec(
        "hardship_publicity_workdays",
        "建档公示期",
        5,
        unit_label="工作日",
        minimum=1,
        group=GROUP,
        source="未见全国统一规定，默认5个工作日",
    ),
    ParameterSpec(
        "hardship_review_months",
        "在档困难职工复核周期",
        12,
        unit_label="个月",
        minimum=1,
        group=GROUP,
        source="动态管理：每年复核（部分单位每半年）",
    ),
    *(
        ParameterSpec(
            requires_file_key(value),
            f"{label}须先建档",
            default,
            unit_label="（1=是，0=否）",
            maximum=1,
            group=GROUP,
            source="先建档、后帮扶、实名制",
        )
        for value, label in AssistanceType.choices
        for default in (FILE_REQUIRED_BY_DEFAULT[value],)
    ),
    ParameterSpec(
        "campaign_publicity_workdays",
        "帮扶活动发放名单公示期",
        5,
        unit_label="工作日",
        minimum=1,
        group=CAMPAIGN_GROUP,
        source="发放前公示名单（金秋助学等做法）；天数未见全国统一规定，默认5个工作日",
    ),
    *(
        ParameterSpec(
            household_amount_key(kind, category),
            f"{kind_label}：{category_label}每户金额",
            0,
            kind=ParameterKind.MONEY,
            unit_label="元/户",
            group=CAMPAIGN_GROUP,
            source="未见全国统一标准，由各地工会确定；0 表示不发现金（夏送清凉可只发实物）",
        )
        for kind, kind_label in CampaignKind.choices
        if kind in PER_HOUSEHOLD_KINDS
        for category, category_label in Category.choices
    ),
    *(
        ParameterSpec(
            student_amount_key(level),
            f"金秋助学：{label}每生金额",
            AUTUMN_BY_DEFAULT[level],
            kind=ParameterKind.MONEY,
            unit_label="元/人",
            group=CAMPAIGN_GROUP,
            source="天门市2024年做法：在档职工子女高等教育5000元、高中或中职3000元",
        )
        for level, label in StudentLevel.choices
    ),
)
