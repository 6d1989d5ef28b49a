"""Milestones: periods and holidays → dates in the plan year; what is not a milestone."""

import datetime as dt

import pytest

from gonghui.plans.extract import extract
from gonghui.plans.extract.dates import spring_festival


def milestones(text: str, year: int = 2024):
    found = extract(text, year=year).milestones
    for m in found:
        assert text[m.start : m.start + len(m.quote)] == m.quote
    return found


def due(text: str, year: int = 2024) -> list[dt.date]:
    return [m.due for m in milestones(text, year)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一季度召开女职工工作会议。", "2024-03-31"),
        ("二季度举办论文征集活动。", "2024-06-30"),
        ("第三季度举办全区职工技能比赛。", "2024-09-30"),
        ("四季度开展工会经费审计。", "2024-12-31"),
        ("上半年组织一次文明行业创建工作互查。", "2024-06-30"),
        ("下半年举办工会干部轮训。", "2024-12-31"),
        ("9月底前完成困难职工档案复核。", "2024-09-30"),
        ("2月份召开全委会议。", "2024-02-29"),
        ("年底前完成经审工作报告。", "2024-12-31"),
        ("定期考核，年终兑现。", "2024-12-31"),
        ("6月10日至9月10日开展夏季送清凉活动。", "2024-09-10"),
        ("7月至8月开展高温慰问。", "2024-08-31"),
        ("在五一国际劳动节前夕，举办职工广场文艺晚会。", "2024-05-01"),
        ("国庆期间举办职工文艺汇演。", "2024-10-01"),
        ("做好五一节期间的劳模宣传工作。", "2024-05-01"),
        ("在元旦春节期间组织慰问农民工。", "2024-02-10"),
        ("“三八”国际妇女节前夕举办女职工健康讲座。", "2024-03-08"),
    ],
)
def test_periods_and_holidays(text, expected):
    assert due(text) == [dt.date.fromisoformat(expected)]


def test_spring_festival_moves_with_the_year():
    assert due("在元旦春节期间组织慰问农民工。", 2025) == [dt.date(2025, 1, 29)]
    assert spring_festival(2024) == dt.date(2024, 2, 10)
    assert spring_festival(2026) == dt.date(2026, 2, 17)


def test_two_activities_under_one_time_are_two_milestones():
    text = "一季度召开女职工工作会议，举办迎奥运徒步走活动。"
    first, second = milestones(text)
    assert first.quote == "一季度召开女职工工作会议"
    assert second.quote == text.rstrip("。")
    assert first.due == second.due == dt.date(2024, 3, 31)


def test_one_verb_two_events():
    text = "在五一国际劳动节前夕，举办职工广场文艺晚会和庆五一“迎奥运”职工拔河比赛。"
    found = milestones(text)
    assert [m.due for m in found] == [dt.date(2024, 5, 1)] * 2
    assert found[0].quote == "在五一国际劳动节前夕，举办职工广场文艺晚会"
    assert "拔河比赛" in found[1].task


def test_paired_holidays_with_respectively():
    text = "“五一”和国庆期间分别举办职工歌咏比赛和职工演讲赛。"
    found = milestones(text)
    assert [(m.due, "演讲赛" in m.task) for m in found] == [
        (dt.date(2024, 5, 1), False),
        (dt.date(2024, 10, 1), True),
    ]


def test_a_stated_year_must_be_the_plan_year():
    assert due("2024年6月底前完成换届。") == [dt.date(2024, 6, 30)]
    assert due("2023年6月底前完成换届。") == []


@pytest.mark.parametrize(
    "text",
    [
        "年内完成全区职工思想状况调查。",
        "全年举办工会干部培训班2期。",
        "继续坚持每季度召开局工委工作会议。",
        "每月15日前报送统计报表。",
        "局将适时组织理论学习培训。",
        "局工会准备在适当的时间举办一期工会干部培训班，具体时间另定。",
        "做好全国五一劳动奖状（章）的评选推荐工作。",
        "做好劳模“三金”（生活困难补助金、春节慰问金）发放工作。",
        "力争通过三年的努力，到2012年，职代会建制率达到80%。",
        "建功“十一五”，和谐奔小康。",
        "在高温酷暑期间开展“炎夏送清凉”活动。",
        "充分利用改革开放30周年、2024年北京奥运会等重大时机。",
        "力争到年底，入会率达到90%。",
        "开展“一季度一主题”活动。",
    ],
)
def test_not_milestones(text):
    assert milestones(text) == []


def test_no_year_no_milestones():
    assert extract("三季度举办全区职工技能比赛。").milestones == []
    assert extract("三季度举办全区职工技能比赛。", default_year=2025).milestones[0].due == (
        dt.date(2025, 9, 30)
    )


def test_more_observances():
    assert due("于“七一”前夕开展党建知识竞赛。") == [dt.date(2024, 7, 1)]
    assert due("春节前夕走访慰问劳模100人。", 2025) == [dt.date(2025, 1, 29)]
    assert due("“两节”期间走访慰问困难职工。") == [dt.date(2024, 2, 10)]
    assert due("5月份举办第三届职工运动会。") == [dt.date(2024, 5, 31)]
    assert due("10月中旬举办职工运动会。") == [dt.date(2024, 10, 20)]
