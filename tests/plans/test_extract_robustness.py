"""Any text in, well-formed proposals out: quotes are exact substrings, values are Decimals."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gonghui.plans.extract import extract
from gonghui.plans.extract.model import COMPARATORS

FRAGMENTS = [
    "一、", "（二）", "3、", "1\n5、", "\n", "，", "。", "、", "；", "“", "”", "2024年",
    "[2024]12号",
    "力争", "不少于", "以上", "达到", "增长", "百分之九十", "３.７万", "100o人", "两次", "一期",
    "三季度", "上半年", "9月底前", "五一前夕", "元旦春节期间", "每季度", "非公有制企业", "建制率",
    "职工", "举办", "培训班", "和", "3到5个", "80万元", "12351", "第二届", "进百家，访千户",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.sampled_from([None, 2024, 2025]))
def test_extract_never_breaks(parts, year):
    text = "".join(parts)
    result = extract(text, year=year)
    for t in result.targets:
        assert text[t.start : t.start + len(t.quote)] == t.quote
        assert isinstance(t.value, Decimal) and t.comparator in COMPARATORS
        assert t.value_max is None or t.value_max > t.value
    for m in result.milestones:
        assert text[m.start : m.start + len(m.quote)] == m.quote
    for s in result.sections:
        assert 0 <= s.start < s.end <= len(text)
