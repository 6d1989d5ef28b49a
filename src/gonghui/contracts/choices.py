"""Choices of the collective-contract app (集体合同, 工资集体协商, 履约检查)."""

from __future__ import annotations

from django.db import models


class ContractKind(models.TextChoices):
    GENERAL = "general", "综合"
    WAGE = "wage", "工资专项"
    WOMEN = "women", "女职工专项"
    SAFETY = "safety", "劳动安全卫生专项"


class ContractScope(models.TextChoices):
    ENTERPRISE = "enterprise", "企业"
    REGIONAL = "regional", "区域性"
    INDUSTRY = "industry", "行业性"


MULTI_SCOPES = (ContractScope.REGIONAL, ContractScope.INDUSTRY)


class ContractStatus(models.TextChoices):
    """Derived from the dates (selectors.state_expression), never stored."""

    DRAFT = "draft", "草拟"
    SIGNED = "signed", "已签订"
    FILED = "filed", "已报送"
    REJECTED = "rejected", "审查未通过/需修改"
    EFFECTIVE = "effective", "已生效"
    EXPIRED = "expired", "已到期"
    TERMINATED = "terminated", "已终止"


class FilingState(models.TextChoices):
    """Filing with the labour bureau against the due date (signed_on + filing days)."""

    NONE = "none", "—"
    PENDING = "pending", "待报送"
    OVERDUE = "overdue", "逾期未报送"
    ON_TIME = "on_time", "按期报送"
    LATE = "late", "逾期报送"


class ClauseCategory(models.TextChoices):
    WAGES = "wages", "劳动报酬"
    HOURS = "hours", "工作时间"
    LEAVE = "leave", "休息休假"
    SAFETY = "safety", "劳动安全卫生"
    WELFARE = "welfare", "保险福利"
    WOMEN = "women", "女职工特殊保护"
    TRAINING = "training", "职业技能培训"
    CONTRACTS = "contracts", "劳动合同管理"
    OTHER = "other", "其他"


class OfferSide(models.TextChoices):
    UNION = "union", "工会"
    EMPLOYER = "employer", "企业"


class AnswerState(models.TextChoices):
    """The answer to a request for bargaining against its due date (集体合同规定 art. 32)."""

    PENDING = "pending", "待回应"
    ANSWERED = "answered", "已回应"
    OVERDUE = "overdue", "超期未回应"
    LATE = "late", "逾期回应"
