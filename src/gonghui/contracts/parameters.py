"""Parameters of this app (core.parameters): filing, review and renewal periods."""

from gonghui.core.parameters import ParameterSpec, register_parameters

GROUP = "集体合同"
RULES = "《集体合同规定》（劳动和社会保障部令第22号）"

register_parameters(
    ParameterSpec(
        "contract_filing_days",
        "集体合同报送审查期限",
        10,
        unit_label="天",
        minimum=1,
        group=GROUP,
        source=RULES,
    ),
    ParameterSpec(
        "contract_review_days",
        "集体合同审查期限",
        15,
        unit_label="天",
        minimum=1,
        group=GROUP,
        source=RULES,
    ),
    ParameterSpec(
        "contract_renewal_days",
        "集体合同续签提醒提前",
        90,
        unit_label="天",
        minimum=1,
        group=GROUP,
        source=RULES,
    ),
    ParameterSpec(
        "wage_contract_renewal_days",
        "工资专项集体合同续签提醒提前",
        60,
        unit_label="天",
        minimum=1,
        group=GROUP,
    ),
)
