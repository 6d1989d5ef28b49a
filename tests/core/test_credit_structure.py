"""统一社会信用代码 structure (GB 32100-2015): each part that is wrong is named in the warning;
real-shaped codes built with the check functions pass."""

import pytest

from gonghui.core.validators import credit_check_char, credit_code_problem, org_code_check_char
from tests.factories import make_credit_code


def build(head: str = "91", region: str = "330106", org_body: str = "MA2B3C4D", org_check=None):
    """A code with the given parts; the overall check character is always made right, so
    only the part under test is wrong."""
    org = org_body + (org_check if org_check is not None else org_code_check_char(org_body))
    first17 = head + region + org
    return first17 + credit_check_char(first17)


def test_it_computes_the_gb_11714_check_character_with_x_and_0():
    assert org_code_check_char("M000100Y") == "4"  # GB 32100 example 91350100M000100Y43
    bodies = ["".join(f"{(i * 7 + k) % 10}" for k in range(8)) for i in range(200)]
    checks = {org_code_check_char(b) for b in bodies}
    assert checks <= set("0123456789X")
    assert "X" in checks and "0" in checks  # 10 → X and 11 → 0 both occur


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",  # the example in GB 32100-2015
        "11100000000013127D",  # a central organ: region 100000
        build("52", "330106"),  # 民政 / 民办非企业单位
        build("81", "110105"),  # 工会 / 基层工会
        build("N2", "650102"),  # 农业 / 村级集体经济组织
        build("Y1", "820000"),  # 其他, 澳门
        build("A1", "710000"),  # 军委改革和编制办公室, 台湾
    ],
)
def test_it_accepts_real_shaped_codes(code):
    assert credit_code_problem(code) is None


@pytest.mark.parametrize("head", ["01", "B1", "C1", "X1"])
def test_it_names_an_unknown_registration_authority(head):
    code = build(head)
    assert (
        credit_code_problem(code) == f"统一社会信用代码第1位（登记管理部门代码）“{head[0]}”不存在"
    )


@pytest.mark.parametrize(
    ("head", "authority"),
    [("94", "工商"), ("95", "工商"), ("54", "民政"), ("82", "工会"), ("Y2", "其他")],
)
def test_it_names_a_category_that_the_authority_does_not_have(head, authority):
    problem = credit_code_problem(build(head))
    assert problem == (
        f"统一社会信用代码第2位（机构类别代码）“{head[1]}”不是登记管理部门“{authority}”下的机构类别"
    )


@pytest.mark.parametrize("region", ["33A106", "3301MA"])
def test_it_wants_six_digits_for_the_region(region):
    problem = credit_code_problem(build(region=region))
    assert problem == "统一社会信用代码第3–8位（登记管理机关行政区划码）应为6位数字"


@pytest.mark.parametrize(
    "region", ["000000", "100001", "160101", "660000", "700000", "840000", "990000"]
)
def test_it_names_a_region_outside_every_province(region):
    problem = credit_code_problem(build(region=region))
    assert (
        problem
        == f"统一社会信用代码第3–8位（登记管理机关行政区划码）“{region}”不是有效的行政区划码"
    )


@pytest.mark.parametrize("region", ["110000", "150000", "210000", "650000", "810000", "100000"])
def test_it_accepts_the_province_boundaries_and_the_national_level(region):
    assert credit_code_problem(build(region=region)) is None


def test_it_names_a_wrong_organisation_code_check_character():
    right = org_code_check_char("MA2B3C4D")
    wrong = "X" if right != "X" else "1"
    problem = credit_code_problem(build(org_check=wrong))
    assert problem == "统一社会信用代码第9–17位（组织机构代码）校验位不符"


def test_it_keeps_the_overall_check_message_when_only_the_last_character_is_wrong():
    code = build()
    bad = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert credit_code_problem(bad) == "统一社会信用代码校验位不符，请核对（部分早期代码可能如此）"


def test_it_keeps_the_shape_message_before_any_structure_check():
    assert "18位" in credit_code_problem("0000")


def test_it_finds_no_problem_with_the_codes_the_test_factories_make():
    assert [c for c in (make_credit_code() for _ in range(500)) if credit_code_problem(c)] == []


def test_it_shows_import_templates_an_example_code_without_a_warning():
    from gonghui.contracts.importer import COLUMNS
    from gonghui.members.roster.columns import COLUMN_BY_KEY

    examples = [c.example for c in COLUMNS if c.key == "credit_codes"]
    examples.append(COLUMN_BY_KEY["credit_code"].example)
    assert examples and all(credit_code_problem(e) is None for e in examples)
