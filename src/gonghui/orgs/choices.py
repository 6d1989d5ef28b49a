"""Dictionaries of the org domain (DESIGN.md, domain reference)."""

from django.db import models


class OrgKind(models.TextChoices):
    CITY_FEDERATION = "city_federation", "市总工会"
    DISTRICT_FEDERATION = "district_federation", "区县总工会"
    STREET_FEDERATION = "street_federation", "乡镇街道总工会"
    INDUSTRY_COMMITTEE = "industry_committee", "产业或局工委"
    GRASSROOTS = "grassroots", "基层工会委员会"
    JOINT = "joint", "联合基层工会"
    GROUP = "group", "工会小组"


FEDERATION_KINDS = (
    OrgKind.CITY_FEDERATION,
    OrgKind.DISTRICT_FEDERATION,
    OrgKind.STREET_FEDERATION,
    OrgKind.INDUSTRY_COMMITTEE,
)
# Units that hold members and can cover enterprises.
UNION_KINDS = (OrgKind.GRASSROOTS, OrgKind.JOINT)


class OrgStatus(models.TextChoices):
    ACTIVE = "active", "正常"
    INACTIVE = "inactive", "已撤销"


class Ownership(models.TextChoices):
    STATE = "state", "国有"
    COLLECTIVE = "collective", "集体"
    STATE_HOLDING = "state_holding", "国有控股"
    PRIVATE = "private", "私营/民营"
    FOREIGN = "foreign", "外商投资"
    HMT = "hmt", "港澳台投资"
    INDIVIDUAL = "individual", "个体"
    INSTITUTION = "institution", "事业单位"
    GOVERNMENT = "government", "机关"
    SOCIAL = "social", "社会组织"


class OwnershipGroup(models.TextChoices):
    STATE_AND_HOLDING = "state_and_holding", "国有及控股"
    NON_PUBLIC = "non_public", "非公有制"


OWNERSHIP_GROUPS: dict[str, tuple[str, ...]] = {
    OwnershipGroup.STATE_AND_HOLDING: (
        Ownership.STATE,
        Ownership.COLLECTIVE,
        Ownership.STATE_HOLDING,
    ),
    OwnershipGroup.NON_PUBLIC: (
        Ownership.PRIVATE,
        Ownership.FOREIGN,
        Ownership.HMT,
        Ownership.INDIVIDUAL,
    ),
}


class Industry(models.TextChoices):
    """GB/T 4754-2017 门类."""

    A = "A", "农、林、牧、渔业"
    B = "B", "采矿业"
    C = "C", "制造业"
    D = "D", "电力、热力、燃气及水生产和供应业"
    E = "E", "建筑业"
    F = "F", "批发和零售业"
    G = "G", "交通运输、仓储和邮政业"
    H = "H", "住宿和餐饮业"
    I = "I", "信息传输、软件和信息技术服务业"  # noqa: E741
    J = "J", "金融业"
    K = "K", "房地产业"
    L = "L", "租赁和商务服务业"
    M = "M", "科学研究和技术服务业"
    N = "N", "水利、环境和公共设施管理业"
    O = "O", "居民服务、修理和其他服务业"  # noqa: E741
    P = "P", "教育"
    Q = "Q", "卫生和社会工作"
    R = "R", "文化、体育和娱乐业"
    S = "S", "公共管理、社会保障和社会组织"


class EnterpriseStatus(models.TextChoices):
    ACTIVE = "active", "正常"
    INACTIVE = "inactive", "已停用"
