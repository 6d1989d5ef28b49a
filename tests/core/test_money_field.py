"""core.fields.MoneyField: exact 元 amounts, Chinese form errors, stable migrations."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from gonghui.core.fields import MoneyField, MoneyFormField
from gonghui.rights.models import DisputeCase


def test_it_stores_two_places_not_negative_by_default():
    field = MoneyField("金额")
    assert (field.max_digits, field.decimal_places) == (14, 2)
    assert field.clean(Decimal("12.50"), None) == Decimal("12.50")
    with pytest.raises(ValidationError):
        field.clean(Decimal("-0.01"), None)
    with pytest.raises(ValidationError):
        field.clean(Decimal("1.005"), None)


def test_it_allows_negative_amounts_when_asked():
    field = MoneyField("调整金额", min_value=None)
    assert field.clean(Decimal("-3.20"), None) == Decimal("-3.20")


def test_it_deconstructs_without_validators_so_migrations_stay_stable():
    *_, path, _args, kwargs = MoneyField("金额", null=True).deconstruct()
    assert path == "gonghui.core.fields.MoneyField"
    assert kwargs == {
        "verbose_name": "金额",
        "null": True,
        "max_digits": 14,
        "decimal_places": 2,
    }
    *_, signed = MoneyField("差额", min_value=-100).deconstruct()
    assert signed["min_value"] == Decimal("-100")
    rebuilt = MoneyField(**signed)
    assert rebuilt.deconstruct()[3] == signed


def test_it_leaves_no_pending_migration(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)  # exits 1 on changes
    assert "No changes detected" in out.getvalue()


def test_it_answers_bad_input_in_chinese_with_the_unit():
    field = DisputeCase._meta.get_field("recovered_amount").formfield()
    assert isinstance(field, MoneyFormField)
    assert "元" in field.help_text
    assert field.clean("1234.5") == Decimal("1234.5")
    for raw, message in (
        ("abc", "请输入金额数字（单位：元）"),
        ("-1", "金额不能小于 0 元"),
        ("1.234", "金额最多两位小数"),
        ("1234567890123", "金额过大"),
    ):
        with pytest.raises(ValidationError) as caught:
            field.clean(raw)
        assert message in caught.value.messages[0]


def test_it_keeps_optional_amounts_optional():
    field = DisputeCase._meta.get_field("claimed_amount").formfield()
    assert field.clean("") is None
