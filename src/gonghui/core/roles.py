"""Roles, data scopes and what each role may do (DESIGN.md, "Access: who sees what")."""

from enum import StrEnum

from django.db import models


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"
    FEDERATION_ADMIN = "federation_admin", "总工会管理员"
    GRASSROOTS_ADMIN = "grassroots_admin", "基层工会管理员"
    REVIEWER = "reviewer", "审核员"
    OBSERVER = "observer", "观察员"
    WORKER = "worker", "职工"


# 三员分立: one person may hold at most one of these three.
SEPARATED_ADMIN_ROLES = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)


class DataScope(models.TextChoices):
    ALL = "all", "全部"
    SUBTREE = "subtree", "本级及下级"
    UNIT = "unit", "本级"
    SELF = "self", "仅本人"


class Perm(StrEnum):
    VIEW_ORGS = "view_orgs"
    EDIT_ORGS = "edit_orgs"
    VIEW_MEMBERS = "view_members"
    EDIT_MEMBERS = "edit_members"
    IMPORT_MEMBERS = "import_members"
    VIEW_PII = "view_pii"  # see 身份证号 unmasked (each time audited)
    EXPORT = "export"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"
    MANAGE_ROLES = "manage_roles"
    MANAGE_PARAMETERS = "manage_parameters"  # 参数设置: place- and date-dependent rules
    SELF_SERVICE = "self_service"
    VIEW_PLANS = "view_plans"
    EDIT_PLANS = "edit_plans"  # import plans, confirm targets, cascade, assessment
    REPORT_PROGRESS = "report_progress"  # manual progress entries for one's own unit
    VIEW_WORK = "view_work"  # work-line registries and cases (职代会, 集体合同, 维权 …)
    EDIT_WORK = "edit_work"
    VIEW_SENSITIVE = "view_sensitive"  # complaint text, health details, amounts: else masked
    APPROVE_PAYMENTS = "approve_payments"  # 审核 a 帮扶 payment (never one's own)


_CADRE = {
    Perm.VIEW_WORK,
    Perm.EDIT_WORK,
    Perm.VIEW_SENSITIVE,
    Perm.VIEW_PLANS,
    Perm.REPORT_PROGRESS,
    Perm.VIEW_ORGS,
    Perm.EDIT_ORGS,
    Perm.VIEW_MEMBERS,
    Perm.EDIT_MEMBERS,
    Perm.IMPORT_MEMBERS,
    Perm.VIEW_PII,
    Perm.EXPORT,
}

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.SYSTEM_ADMIN: frozenset({Perm.VIEW_ORGS, Perm.MANAGE_USERS, Perm.MANAGE_PARAMETERS}),
    Role.SECURITY_ADMIN: frozenset({Perm.VIEW_ORGS, Perm.MANAGE_ROLES}),
    Role.AUDIT_ADMIN: frozenset({Perm.VIEW_ORGS, Perm.VIEW_AUDIT}),
    Role.FEDERATION_ADMIN: frozenset(_CADRE | {Perm.EDIT_PLANS}),
    Role.GRASSROOTS_ADMIN: frozenset(_CADRE),
    Role.REVIEWER: frozenset(
        {
            Perm.VIEW_ORGS,
            Perm.VIEW_MEMBERS,
            Perm.VIEW_PLANS,
            Perm.VIEW_WORK,
            Perm.VIEW_SENSITIVE,
            Perm.EXPORT,
            Perm.APPROVE_PAYMENTS,
        }
    ),
    Role.OBSERVER: frozenset(
        {Perm.VIEW_ORGS, Perm.VIEW_MEMBERS, Perm.VIEW_PLANS, Perm.VIEW_WORK, Perm.EXPORT}
    ),
    Role.WORKER: frozenset({Perm.SELF_SERVICE}),
}

DEFAULT_SCOPE: dict[str, str] = {
    Role.SYSTEM_ADMIN: DataScope.SUBTREE,
    Role.SECURITY_ADMIN: DataScope.SUBTREE,
    Role.AUDIT_ADMIN: DataScope.SUBTREE,
    Role.FEDERATION_ADMIN: DataScope.SUBTREE,
    Role.GRASSROOTS_ADMIN: DataScope.SUBTREE,
    Role.REVIEWER: DataScope.SUBTREE,
    Role.OBSERVER: DataScope.SUBTREE,
    Role.WORKER: DataScope.SELF,
}
