"""Dictionaries of democratic management (职代会, 厂务公开, 职工董事/监事)."""

from django.db import models


class CongressScope(models.TextChoices):
    SINGLE = "single", "单一企业"
    REGIONAL = "regional", "区域性联合职代会"
    INDUSTRY = "industry", "行业性联合职代会"


JOINT_SCOPES = (CongressScope.REGIONAL, CongressScope.INDUSTRY)


class CongressForm(models.TextChoices):
    REPRESENTATIVE = "representative", "职工代表大会"
    GENERAL = "general", "职工大会"


class CongressStatus(models.TextChoices):
    ACTIVE = "active", "运行中"
    ENDED = "ended", "已停止"


class RepCategory(models.TextChoices):
    FRONTLINE = "frontline", "一线职工"
    TECHNICAL = "technical", "技术人员"
    MANAGER = "manager", "管理人员"
    LEADER = "leader", "领导人员"


# 中层以上管理人员和领导人员 together may hold at most this share of the seats.
MANAGER_CATEGORIES = (RepCategory.MANAGER, RepCategory.LEADER)
MANAGER_SHARE_LIMIT = 20  # percent


class Frequency(models.TextChoices):
    MONTHLY = "monthly", "每月"
    QUARTERLY = "quarterly", "每季度"
    HALF_YEARLY = "half_yearly", "每半年"
    YEARLY = "yearly", "每年"


class Channel(models.TextChoices):
    CONGRESS = "congress", "职代会"
    BOARD = "board", "公开栏"
    INTRANET = "intranet", "内部网站/企业微信"
    MEETING = "meeting", "职工会议"


class SeatKind(models.TextChoices):
    DIRECTOR = "director", "职工董事"
    SUPERVISOR = "supervisor", "职工监事"
