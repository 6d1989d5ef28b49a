"""Parameters of this app (core.parameters): the committee term reminder."""

from gonghui.core.parameters import ParameterSpec, register_parameters

register_parameters(
    ParameterSpec(
        "term_reminder_days",
        "工会委员会换届提醒提前",
        90,
        unit_label="天",
        minimum=0,
        group="组织建设",
    ),
)
