"""The registry of parameters (参数): every key a ``rule()`` may ask for, with its shipped default.

Union rules differ by place and change by year (低保标准 per city per year, hotline time limits,
filing deadlines …). Each app declares the keys it reads in a ``parameters`` module::

    register_parameters(
        ParameterSpec("mediation_limit_days", "劳动争议调解期限", 15, unit_label="天",
                      minimum=1, source="《劳动争议调解仲裁法》第十四条"),
    )

The shipped default applies nationally until a 系统管理员 records a value for a unit and a
period (core.models.Parameter); ``core.rules.rule`` resolves which value is in force.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models

Value = int | Decimal


class ParameterKind(models.TextChoices):
    INTEGER = "int", "整数"
    DECIMAL = "decimal", "小数"
    MONEY = "money", "金额"
    PERCENT = "percent", "百分比"


# Digits after the point each kind keeps when stored and shown.
PLACES = {
    ParameterKind.INTEGER: 0,
    ParameterKind.DECIMAL: 4,
    ParameterKind.MONEY: 2,
    ParameterKind.PERCENT: 2,
}


@dataclass(frozen=True)
class ParameterSpec:
    key: str
    label: str
    default: Value
    kind: str = ParameterKind.INTEGER
    unit_label: str = "天"
    minimum: Value | None = 0
    maximum: Value | None = None
    source: str = ""  # the document the shipped default comes from
    group: str = ""  # shown in the parameter list (业务条线)

    def typed(self, value: Decimal | int | str) -> Value:
        """The stored value as the caller uses it: int for counts, Decimal for money/percent."""
        number = Decimal(str(value))
        if self.kind == ParameterKind.INTEGER:
            return int(number)
        return number.quantize(Decimal(1).scaleb(-PLACES[self.kind]))

    def problem(self, value: Decimal | int | str | None) -> str | None:
        """A Chinese message when ``value`` does not fit this key, else None."""
        try:
            number = Decimal(str(value))
        except (InvalidOperation, TypeError, ValueError):
            return f"{self.label}应为数字"
        if not number.is_finite():
            return f"{self.label}应为数字"
        if self.kind == ParameterKind.INTEGER and number != number.to_integral_value():
            return f"{self.label}应为整数"
        places = PLACES[self.kind]
        if number != number.quantize(Decimal(1).scaleb(-places)):
            return f"{self.label}最多保留{places}位小数"
        if self.minimum is not None and number < Decimal(str(self.minimum)):
            return f"{self.label}不能小于 {self.minimum}"
        if self.maximum is not None and number > Decimal(str(self.maximum)):
            return f"{self.label}不能大于 {self.maximum}"
        return None

    def display(self, value: Decimal | int | str) -> str:
        return f"{self.typed(value)}{self.unit_label}"


_SPECS: dict[str, ParameterSpec] = {}


def register_parameters(*specs: ParameterSpec) -> None:
    for spec in specs:
        known = _SPECS.get(spec.key)
        if known is not None and known != spec:
            raise ValueError(f"parameter {spec.key!r} is declared twice, differently")
        _SPECS[spec.key] = spec


def get_spec(key: str) -> ParameterSpec:
    try:
        return _SPECS[key]
    except KeyError as exc:
        raise KeyError(f"no parameter named {key!r} is declared (core.parameters)") from exc


def all_specs() -> list[ParameterSpec]:
    return sorted(_SPECS.values(), key=lambda s: (s.group, s.key))
