"""Texts of the rights demo data."""

from __future__ import annotations

import random

from gonghui.core.names import person_name
from gonghui.rights.choices import ClaimType, OrderType

ORDER_TEXTS = {
    OrderType.CONSULT: (
        "咨询试用期被辞退能否要求经济补偿。",
        "咨询公司未签订书面劳动合同，能否要求二倍工资。",
        "咨询工伤认定需要准备哪些材料、向哪里申请。",
        "咨询怀孕期间单位调岗降薪是否合法。",
        "咨询加班费的计算基数和标准。",
        "咨询离职后单位不出具离职证明怎么办。",
    ),
    OrderType.SERVICE: (
        "家中老人重病，生活困难，申请困难职工帮扶。",
        "希望了解工会组织的职业技能培训报名方式。",
        "外卖骑手咨询如何加入工会、参加职工医疗互助。",
        "子女入学需要申请金秋助学。",
    ),
    OrderType.COMPLAINT: (
        "反映公司拖欠三个月工资，涉及职工二十余人。",
        "反映单位未依法缴纳社会保险。",
        "反映车间长期超时加班，每月休息不足四天。",
        "反映工地包工头拖欠农民工工资。",
    ),
    OrderType.LEGAL_AID: (
        "被公司违法解除劳动合同，申请工会法律援助。",
        "工伤认定后单位拒不支付工伤待遇，申请法律援助。",
        "劳务派遣用工同工不同酬，希望得到律师帮助。",
    ),
    OrderType.SUGGESTION: (
        "建议工会在工业园区增设职工驿站。",
        "建议在夏季高温期间加强对户外劳动者的慰问。",
        "建议开展更多面向新就业形态劳动者的法律讲座。",
    ),
}

RESOLUTIONS = (
    "已电话答复职工，解释相关法律规定，职工表示理解。",
    "经工会协调，企业已补发拖欠工资。",
    "已转交属地街道工会核实，企业已整改。",
    "已为职工提供法律咨询，并指导其申请劳动仲裁。",
    "已纳入困难职工帮扶，发放帮扶金。",
    "建议已转交相关部门研究采纳。",
)

CLAIMS = {
    ClaimType.WAGES: "要求支付拖欠的工资",
    ClaimType.INJURY: "要求支付工伤医疗费、停工留薪期工资及一次性伤残补助",
    ClaimType.SOCIAL_INSURANCE: "要求补缴社会保险费",
    ClaimType.TERMINATION: "要求支付违法解除劳动合同赔偿金",
    ClaimType.OVERTIME: "要求支付延时及休息日加班费",
    ClaimType.OTHER: "要求出具离职证明并办理档案转移",
}

LAWYERS = (
    "王立平（浙江明正律师事务所）",
    "陈静（杭州天平律师事务所）",
    "刘洋（浙江同舟律师事务所）",
    "赵敏（杭州公信律师事务所）",
    "孙浩（浙江法桥律师事务所）",
)

AID_MATTERS = (
    "追索劳动报酬",
    "工伤保险待遇纠纷",
    "违法解除劳动合同赔偿",
    "确认劳动关系",
    "社会保险待遇纠纷",
)

HAZARDS = (
    "车间消防通道堆放货物，安全出口被堵塞。",
    "冲压设备防护罩缺失，存在伤手风险。",
    "仓库电线老化裸露，存在触电和火灾隐患。",
    "喷漆车间通风设施损坏，异味较重。",
    "高空作业未配发安全带。",
)

FINDINGS = (
    "部分职工未签订书面劳动合同；加班时长超过法定上限。",
    "未按规定足额缴纳社会保险。",
    "女职工特殊劳动保护落实不到位。",
    "劳动合同文本条款不完整。",
    "未发现明显问题。",
)


def caller_name(rng: random.Random) -> str:
    return person_name(rng, female=rng.random() < 0.45)


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randint(0, 9)}{rng.randint(10**7, 10**8 - 1)}"
