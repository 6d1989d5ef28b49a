"""Parameters of this app (core.parameters): filing, review, answer and renewal periods."""

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
        source=f"{RULES}第四十二条（自签字之日起，日历日，民法典第二百零一、二百零三条）",
    ),
    ParameterSpec(
        "contract_review_days",
        "集体合同审查期限",
        15,
        unit_label="天",
        minimum=1,
        group=GROUP,
        source=f"{RULES}第四十五、四十七条（自收到文本之日起，期满无异议次日生效）",
    ),
    ParameterSpec(
        "bargaining_answer_days",
        "集体协商要求书面回应期限",
        20,
        unit_label="天",
        minimum=1,
        group=GROUP,
        source=f"{RULES}第三十二条（自收到协商要求之日起，日历日，民法典第二百零一、二百零三条）",
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
