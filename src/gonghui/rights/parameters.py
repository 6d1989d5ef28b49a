"""Parameters of this app (core.parameters): hotline and mediation time limits."""

from gonghui.core.parameters import ParameterSpec, register_parameters

GROUP = "职工维权"

register_parameters(
    ParameterSpec(
        "hotline_limit_general",
        "12351热线一般工单办理时限",
        3,
        unit_label="工作日",
        minimum=1,
        group=GROUP,
        source="12351职工服务热线工单办理时限",
    ),
    ParameterSpec(
        "hotline_limit_difficult",
        "12351热线难点工单办理时限",
        13,
        unit_label="工作日",
        minimum=1,
        group=GROUP,
        source="12351职工服务热线工单办理时限",
    ),
    ParameterSpec(
        "hotline_limit_complex",
        "12351热线特别复杂工单办理时限",
        30,
        unit_label="工作日",
        minimum=1,
        group=GROUP,
        source="12351职工服务热线工单办理时限",
    ),
    ParameterSpec(
        "hotline_remind_workdays",
        "12351热线到期提醒提前",
        1,
        unit_label="工作日",
        minimum=0,
        group=GROUP,
    ),
    ParameterSpec(
        "mediation_limit_days",
        "劳动争议调解期限",
        15,
        unit_label="天",
        minimum=1,
        group=GROUP,
        source="《中华人民共和国劳动争议调解仲裁法》第十四条",
    ),
)
