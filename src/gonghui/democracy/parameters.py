"""Parameters of this app (core.parameters): congress size threshold, report and term limits."""

from gonghui.core.parameters import ParameterSpec, register_parameters

GROUP = "民主管理"

register_parameters(
    ParameterSpec(
        "congress_staff_threshold",
        "应建立职工代表大会的职工人数",
        100,
        unit_label="人",
        minimum=1,
        group=GROUP,
        source="《企业民主管理规定》",
    ),
    ParameterSpec(
        "congress_report_workdays",
        "职代会召开后向上级工会报告期限",
        7,
        unit_label="工作日",
        minimum=1,
        group=GROUP,
    ),
    ParameterSpec(
        "congress_term_reminder_days",
        "职代会届满提醒提前",
        90,
        unit_label="天",
        minimum=0,
        group=GROUP,
    ),
)
