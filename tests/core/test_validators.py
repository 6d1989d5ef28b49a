"""Check-digit validators: hypothesis proves every valid number passes and every single-digit
corruption fails."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gonghui.core.validators import (
    CREDIT_ALPHABET,
    CREDIT_CATEGORIES,
    PROVINCE_CODES,
    credit_check_char,
    credit_code_problem,
    id_check_char,
    mask_id_number,
    normalize_id_number,
    org_code_check_char,
    parse_id_number,
    validate_mobile,
)

TODAY = dt.date(2026, 11, 21)

birth_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY)
provinces = st.sampled_from(sorted(PROVINCE_CODES))
regions = st.builds(lambda p, rest: p + rest, provinces, st.from_regex(r"[0-9]{4}", fullmatch=True))
sequences = st.integers(min_value=0, max_value=999)


@st.composite
def valid_ids(draw) -> str:
    first17 = f"{draw(regions)}{draw(birth_dates):%Y%m%d}{draw(sequences):03d}"
    return first17 + id_check_char(first17)


@given(valid_ids())
def test_it_accepts_every_valid_id_number(number):
    info = parse_id_number(number, today=TODAY)
    assert info.number == number
    assert info.birth_date == dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    assert info.gender == ("M" if int(number[16]) % 2 else "F")


@given(valid_ids(), st.integers(min_value=0, max_value=17), st.integers(min_value=1, max_value=10))
def test_it_rejects_every_single_character_corruption(number, position, shift):
    symbols = "0123456789X" if position == 17 else "0123456789"
    original = number[position]
    replacement = symbols[(symbols.index(original) + shift) % len(symbols)]
    if replacement == original:
        return
    corrupted = number[:position] + replacement + number[position + 1 :]
    with pytest.raises(ValidationError):
        parse_id_number(corrupted, today=TODAY)


def test_it_accepts_lowercase_x_and_stores_uppercase():
    first17 = "11010519491231002"
    assert id_check_char(first17) == "X"
    info = parse_id_number(first17 + "x", today=TODAY)
    assert info.number.endswith("X")
    assert normalize_id_number(" １１０１０５１９４９１２３１００２x ") == first17 + "X"


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("", "不能为空"),
        ("11010519900101123", "18位"),
        ("110105199002301234", "出生日期不存在"),
        ("110105203001011234", "出生日期不合理"),
        ("00010519491231002X", "前两位（00）不是有效的省级行政区划代码"),
        ("99010519491231002X", "前两位（99）不是有效的省级行政区划代码"),
        ("24010519491231002X", "前两位（24）不是有效的省级行政区划代码"),
    ],
)
def test_it_explains_what_is_wrong_with_an_id_number(number, fragment):
    with pytest.raises(ValidationError) as exc:
        parse_id_number(number, today=TODAY)
    assert fragment in exc.value.messages[0]


@st.composite
def valid_credit_codes(draw) -> str:
    """Any structurally valid GB 32100 code: a real authority/category pair, a region in a
    real province, a GB 11714 organisation code, then the overall check character."""
    authority = draw(st.sampled_from(sorted(CREDIT_CATEGORIES)))
    category = draw(st.sampled_from(CREDIT_CATEGORIES[authority][1]))
    province = draw(st.sampled_from(sorted(PROVINCE_CODES)))
    region = province + draw(st.text(alphabet="0123456789", min_size=4, max_size=4))
    org = draw(st.text(alphabet=CREDIT_ALPHABET, min_size=8, max_size=8))
    first17 = authority + category + region + org + org_code_check_char(org)
    return first17 + credit_check_char(first17)


@given(valid_credit_codes())
def test_it_finds_no_problem_with_a_valid_credit_code(code):
    assert credit_code_problem(code) is None


@given(valid_credit_codes(), st.integers(min_value=0, max_value=17), st.integers(1, 30))
def test_it_warns_on_every_single_symbol_corruption_of_a_credit_code(code, position, shift):
    original = code[position]
    replacement = CREDIT_ALPHABET[(CREDIT_ALPHABET.index(original) + shift) % 31]
    corrupted = code[:position] + replacement + code[position + 1 :]
    assert credit_code_problem(corrupted) is not None


def test_it_warns_on_a_code_of_the_wrong_shape():
    assert "18位" in credit_code_problem("9135010")
    assert "18位" in credit_code_problem("91350100M000100Y4I")  # I is not in the alphabet


@pytest.mark.parametrize("phone", ["13800138000", "19912345678", "+8613800138000"])
def test_it_accepts_mainland_mobiles(phone):
    validate_mobile(phone)


@pytest.mark.parametrize("phone", ["12800138000", "1380013800", "138001380001", "0571-8888888"])
def test_it_rejects_other_phone_numbers(phone):
    with pytest.raises(ValidationError, match="11位"):
        validate_mobile(phone)


def test_it_masks_all_but_region_prefix_and_last_four():
    assert mask_id_number("11010519491231002X") == "110***********002X"


# Digits other than ASCII and full-width (issue 8): int() reads them and `\d` matched them, so an
# existing 身份证号 written with them registered a second person.
OTHER_DIGITS = {"Arabic-Indic": 0x0660, "Devanagari": 0x0966, "mathematical bold": 0x1D7CE}


@pytest.mark.parametrize("zero", OTHER_DIGITS.values(), ids=OTHER_DIGITS.keys())
def test_it_refuses_id_numbers_and_mobiles_in_other_scripts_digits(zero):
    def spelled(text: str) -> str:
        return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)

    first17 = "11010519491231002"
    number = first17 + id_check_char(first17)
    assert parse_id_number(number, today=TODAY).number == number
    with pytest.raises(ValidationError, match="18位"):
        parse_id_number(spelled(number), today=TODAY)
    with pytest.raises(ValidationError):
        validate_mobile(spelled("13800138000"))


@pytest.mark.parametrize("first17", ["11010519491231002", "81000019800101001", "91100019800101001"])
def test_it_accepts_mainland_hong_kong_and_permanent_residence_numbers(first17):
    """A 居民身份证 (11 北京), a 港澳居民居住证 (81), a 外国人永久居留身份证 (9 + 11 北京)."""
    number = first17 + id_check_char(first17)
    assert parse_id_number(number, today=TODAY).number == number


def test_it_refuses_a_permanent_residence_number_without_a_province():
    first17 = "90000019800101001"
    with pytest.raises(ValidationError) as exc:
        parse_id_number(first17 + id_check_char(first17), today=TODAY)
    assert "省级行政区划代码" in exc.value.messages[0]
