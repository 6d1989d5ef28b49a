"""Target extraction: values, comparators, scopes, lists, exclusions, and fresh plan text."""

from decimal import Decimal

import pytest

from gonghui.plans.extract import extract


def targets(text: str):
    result = extract(text, year=2024).targets
    for t in result:
        assert text.find(t.quote) != -1 and text[t.start : t.start + len(t.quote)] == t.quote
    return result


def values(text: str) -> list[tuple[Decimal, str]]:
    return [(t.value, t.unit) for t in targets(text)]


def only(text: str):
    found = targets(text)
    assert len(found) == 1, found
    return found[0]


# ------------------------------------------------------------------ exclusions


@pytest.mark.parametrize(
    "text",
    [
        "2024年，全区工会工作的总体要求是：坚持稳中求进。",
        "深入开展“当好主力军、建功‘十一五’、和谐奔小康”主题竞赛活动。",
        "认真贯彻《关于推进工资集体协商的通知》（辽委办字［2024］12号）的文件精神。",
        "组织***市第二届劳动模范、先进工作者评比表彰。",
        "贯彻全国总工会十四届五次执委会议、区委三届二次全委会精神。",
        "做好劳模“三金”（生活困难补助金、特殊困难帮扶资金、春节慰问金）发放工作。",
        "深化送培训、送岗位、送观念、送政策的“四送”活动。",
        "扎实开展技术革新、技术协作、合理化建议和“五小”等群众性经济技术创新活动。",
        "健全完善“12351”职工服务热线工作机制。",
        "开通12351职工服务热线。",
        "围绕区委提出的“163”奋斗目标。",
        "工会干部要深入基层，进百家，访千户，使帮扶工作经常化。",
        "《XX区总工会2024年工作要点.docx(11页珍藏版)》请在优知文库上搜索。",
        "今年工会工作的主要任务是抓好一个武装，做好两个推进，完善两个机制。",
        "开展医疗互助二次补助和大病关爱行动。",
        "努力把维权工作提高到一个新水平。",
        "在职工中开展“一人一档”建设，推动“一户一产业工人”培养工程。",
        "督促企业按职工工资总额2%拨缴工会经费。",
        "评比表彰一批劳动竞赛先进单位。",
        "改革开放30周年、庆祝建党一百周年。",
        "五年来，全市新建工会1200家，目前共有会员45万人。",
        "深入实施职工之家建设三年行动（2023-2025年），实行8小时工作制。",
    ],
)
def test_not_targets(text):
    assert targets(text) == []


def test_hundred_people_enterprises_is_scope_not_value():
    t = only("保持百人以上企业建制率95%的水平")
    assert (t.value, t.unit, t.scope, t.comparator) == (95, "%", "百人以上企业", ">=")
    t = only("推动25人以上企业建会率达到90%")
    assert (t.value, t.scope) == (90, "25人以上企业")


# ------------------------------------------------------------------ comparators


@pytest.mark.parametrize(
    ("text", "comparator", "value"),
    [
        ("今年培训技术工人不少于1000人", ">=", 1000),
        ("全年至少民主评议干部一次", ">=", 1),
        ("合同兑现率要达到90%以上", ">=", 90),
        ("工资集体协商建制率达30%以上", ">=", 30),
        ("力争非公企业职代会建制率达50%", "reach", 50),
        ("劳动争议调解组织组建率力争达75%", "reach", 75),
        ("企业参与率必须达到95%", "reach", 95),
        ("12351热线接听率达100%", "reach", 100),
        ("入会率增长20%", "increase_by", 20),
        ("参保人数比上年提高5个百分点", "increase_by", 5),
        ("全年筹集温暖资金80万元", "=", 800000),
        ("组织一次全市职工技术比武", "=", 1),
        ("三季度举办一期工会干部培训班", "=", 1),
        ("在全系统要建立市级职工书屋3个", "=", 3),
        ("会议费支出不超过20万元", "<=", 200000),
        ("安全事故发生率控制在1%以下", "<=", 1),
        ("调解案件超期率在5%以内", "<=", 5),
        ("劳动争议调解成功率保持在85%以上", ">=", 85),
    ],
)
def test_comparators(text, comparator, value):
    t = only(text)
    assert (t.comparator, t.value) == (comparator, Decimal(value))


def test_ambition_carries_over_the_sentence():
    found = targets("力争全年打造国家级幸福企业1家，省级幸福企业1家，市级幸福企业2家。")
    assert [(t.value, t.comparator, t.indicator) for t in found] == [
        (1, "reach", "国家级幸福企业"),
        (1, "reach", "省级幸福企业"),
        (2, "reach", "市级幸福企业"),
    ]


# ------------------------------------------------------ several targets per sentence


def test_several_targets_with_their_own_scopes():
    text = "全面实施工资集体协商要约行动，国有及其控股企业推行面达90%以上，非公有制企业达50%以上。"
    found = targets(text)
    assert [(t.scope, t.value, t.comparator) for t in found] == [
        ("国有及其控股企业", 90, ">="),
        ("非公有制企业", 50, ">="),
    ]
    assert found[1].indicator == "推行面"  # shared with the neighbour
    assert found[1].quote == "非公有制企业达50%以上"


def test_targets_split_at_the_enumeration_comma():
    text = "力争规模以上非公有制企业集体合同建制率达50%、工资集体协商建制率达30%以上。"
    first, second = targets(text)
    assert first.quote == "力争规模以上非公有制企业集体合同建制率达50%"
    assert second.quote == "工资集体协商建制率达30%以上"
    assert first.scope == second.scope == "规模以上非公有制企业"
    assert (first.indicator, second.indicator) == ("集体合同建制率", "工资集体协商建制率")


def test_shared_value_list_is_one_target_per_indicator():
    found = targets("集体合同签订率、报审率、备案率达95%以上。")
    assert [t.indicator for t in found] == ["集体合同签订率", "报审率", "备案率"]
    assert {(t.value, t.comparator, t.unit) for t in found} == {(95, ">=", "%")}


def test_a_list_of_counted_things_stays_one_target():
    t = only("推广新技术、新工艺、新操作法不少于3项")
    assert (t.value, t.unit) == (3, "项")


def test_range_target():
    t = only("每个街道建成职工驿站3到5个")
    assert (t.value, t.value_max, t.unit) == (3, 5, "个")


def test_frequency_targets_have_a_scope():
    t = only("要求召开职代会一年不少于两次")
    assert (t.value, t.unit, t.comparator, t.scope) == (2, "次", ">=", "每年")


# ------------------------------------------------------------ fresh plan paragraphs

PLAN_A = (
    "二、推进工会组织建设\n"
    "1.扩大组织覆盖。全年新建工会组织120家，发展会员8000人以上，其中新就业形态劳动者入会3000人。\n"
    "2.规范基层建设。已建会企业职代会建制率保持在95%以上，规模以上企业工资集体协商覆盖率不低于85%。\n"
)
PLAN_B = (
    "三、做实帮扶服务。困难职工帮扶资金发放不少于200万元，“两节”期间走访慰问困难职工1000户。"
    "职工书屋新建15家，开展职工技能培训3000人次，举办全区职工技能大赛1次。"
    "劳动争议调解成功率保持在85%以上，12351热线接听率达100%。"
)
PLAN_C = (
    "四、加强自身建设。深入学习贯彻党的二十届三中全会精神，落实“两个维护”，实施“十百千万”工程。"
    "按照《工会法》规定督促企业按2%比例拨缴工会经费，经费收缴率达98%，"
    "为每家企业配备至少一名劳动法律监督员，职工疗休养人数较去年提高5个百分点。"
)


def test_fresh_plan_a():
    found = targets(PLAN_A)
    assert [(t.value, t.unit, t.comparator) for t in found] == [
        (120, "家", "="),
        (8000, "人", ">="),
        (3000, "人", "="),
        (95, "%", ">="),
        (85, "%", ">="),
    ]
    assert found[0].indicator == "新建工会组织"
    assert found[1].indicator == "发展会员"
    assert found[3].scope == "已建会企业" and found[3].indicator == "职代会建制率"
    assert found[4].scope == "规模以上企业"


def test_fresh_plan_b():
    found = targets(PLAN_B)
    assert [(t.value, t.unit, t.comparator) for t in found] == [
        (2000000, "元", ">="),
        (1000, "户", "="),
        (15, "家", "="),
        (3000, "人次", "="),
        (1, "次", "="),
        (85, "%", ">="),
        (100, "%", "reach"),
    ]
    assert found[3].indicator == "职工技能培训"
    assert found[6].indicator == "12351热线接听率"


def test_fresh_plan_c():
    found = targets(PLAN_C)
    assert [(t.value, t.unit, t.comparator) for t in found] == [
        (98, "%", "reach"),
        (1, "名", ">="),
        (5, "个百分点", "increase_by"),
    ]
    assert found[1].scope == "每家企业"


PLAN_D = (
    "目前全县共有基层工会组织860个，会员5.6万人。"
    "全县新建工会组织不少于300家，确保已建工会企业职工入会率稳定在90%以上；"
    "推动全县80%以上的规模以上企业建立职代会制度；网上入会人数突破1万人。"
    "每年组织劳模疗休养不少于2批。继续推行“1+3+N”服务模式，打造“15分钟工会服务圈”，设立24小时服务热线。"
)


def test_fresh_plan_d_facts_and_slogans_are_not_targets():
    found = targets(PLAN_D)
    assert [(t.value, t.unit, t.comparator) for t in found] == [
        (300, "家", ">="),
        (90, "%", ">="),
        (80, "%", ">="),
        (10000, "人", ">="),
        (2, "批", ">="),
    ]
    assert found[1].indicator == "职工入会率"
    assert found[2].scope == "规模以上企业"
    assert found[4].scope == "每年"


def test_it_reads_an_on_time_rate_but_not_a_levy_rule():
    from gonghui.plans.extract import extract

    rate = extract("热线工单按时办结率达到98%，按工资总额的2%拨缴工会经费。", year=2026)
    assert [(t.indicator, t.value) for t in rate.targets] == [("热线工单按时办结率", 98)]
