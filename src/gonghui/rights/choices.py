"""Choices of the rights app (12351 hotline, disputes, legal aid, labour protection)."""

from django.db import models


class Channel(models.TextChoices):
    PHONE = "phone", "电话"
    ONLINE = "online", "网上"
    VISIT = "visit", "来访"
    LETTER = "letter", "来信"


class OrderType(models.TextChoices):
    CONSULT = "consult", "问题咨询"
    SERVICE = "service", "服务帮扶"
    COMPLAINT = "complaint", "信访投诉"
    LEGAL_AID = "legal_aid", "法律援助"
    SUGGESTION = "suggestion", "意见建议"


class OrderClass(models.TextChoices):
    GENERAL = "general", "一般"
    DIFFICULT = "difficult", "难点"
    COMPLEX = "complex", "特别复杂"


# The time limit (working days) of each class is a parameter (rights/parameters.py).
CLASS_LIMIT_RULES = {
    OrderClass.GENERAL: "hotline_limit_general",
    OrderClass.DIFFICULT: "hotline_limit_difficult",
    OrderClass.COMPLEX: "hotline_limit_complex",
}


class OrderStatus(models.TextChoices):
    PENDING = "pending", "待受理"
    HANDLING = "handling", "办理中"
    RESOLVED = "resolved", "已办结"
    CALLED_BACK = "called_back", "已回访"


OPEN_STATUSES = (OrderStatus.PENDING, OrderStatus.HANDLING)
CLOSED_STATUSES = (OrderStatus.RESOLVED, OrderStatus.CALLED_BACK)


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


SATISFIED_VALUES = (Satisfaction.SATISFIED, Satisfaction.BASIC)


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", "提交"
    ACCEPTED = "accepted", "受理"
    ASSIGNED = "assigned", "交办"
    REASSIGNED = "reassigned", "改派"
    REPLIED = "replied", "答复"
    RESOLVED = "resolved", "办结"
    CALLED_BACK = "called_back", "回访"
    RATED = "rated", "职工评价"


# What the worker who filed an order sees of its history (no internal assignments).
SUBMITTER_EVENTS = (
    EventKind.SUBMITTED,
    EventKind.ACCEPTED,
    EventKind.REPLIED,
    EventKind.RESOLVED,
    EventKind.CALLED_BACK,
    EventKind.RATED,
)


class ClaimType(models.TextChoices):
    WAGES = "wages", "欠薪"
    INJURY = "injury", "工伤"
    SOCIAL_INSURANCE = "social_insurance", "社保"
    TERMINATION = "termination", "解除劳动合同"
    OVERTIME = "overtime", "加班费"
    OTHER = "other", "其他"


class Stage(models.TextChoices):
    NEGOTIATION = "negotiation", "协商"
    MEDIATION = "mediation", "调解"
    ARBITRATION = "arbitration", "仲裁"
    LITIGATION = "litigation", "诉讼"


STAGE_ORDER = [Stage.NEGOTIATION, Stage.MEDIATION, Stage.ARBITRATION, Stage.LITIGATION]


class Outcome(models.TextChoices):
    SUCCESS = "success", "调解成功"
    FAILED = "failed", "调解不成"
    WITHDRAWN = "withdrawn", "撤回"


class AidOutcome(models.TextChoices):
    WON = "won", "胜诉/支持"
    SETTLED = "settled", "调解/和解"
    LOST = "lost", "败诉/不支持"
    WITHDRAWN = "withdrawn", "撤回/终止"


class AnkangResult(models.TextChoices):
    PARTICIPATED = "participated", "参赛"
    QUALIFIED = "qualified", "达标"
    WINNER = "winner", "优胜"


class HazardStatus(models.TextChoices):
    PENDING = "pending", "待整改"
    RECTIFYING = "rectifying", "整改中"
    DONE = "done", "已整改"


OVERDUE_LABEL = "逾期"
