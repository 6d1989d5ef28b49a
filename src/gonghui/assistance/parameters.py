"""Parameters of the assistance work line (core.parameters). Thresholds differ by city and
year: the 低保标准 is set by the city or county government (城市居民最低生活保障条例 art. 6) and
recorded here per unit and period; the category rules are local practice (REPORTED in
Qingdao and Pingdingshan), so every multiplier and share is a parameter, never a constant."""

from gonghui.assistance.choices import AssistanceType
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
)
