"""Users, role assignments (org unit × role × data scope) and the login log."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q

from gonghui.core.constraints import unique
from gonghui.core.fields import link
from gonghui.core.models import AppendOnly
from gonghui.core.roles import SEPARATED_ADMIN_ROLES, DataScope, Role
from gonghui.core.scoping import ScopeRule


class User(AbstractUser):
    full_name = models.CharField("姓名", max_length=50, blank=True)
    must_change_password = models.BooleanField("首次登录须修改密码", default=False)
    password_changed_at = models.DateTimeField("密码修改时间", null=True, blank=True)
    # The unit that created (and administers) the account; it keeps a new account visible to
    # its administrators before any role is granted.
    home_unit = link("orgs.OrgUnit", "所属组织", optional=True)

    # A user is in scope when their home unit or one of their assignments is.
    scope_rule = ScopeRule(units=("home_unit", "assignments__org_unit"), owner="pk")

    class Meta:
        verbose_name = "用户"

    def __str__(self) -> str:
        return self.full_name or self.username


class RoleAssignment(models.Model):
    user = link(User, "用户", on_delete=models.CASCADE, related_name="assignments")
    org_unit = link("orgs.OrgUnit", "组织", related_name="assignments")
    role = models.CharField("角色", max_length=32, choices=Role.choices)
    data_scope = models.CharField("数据范围", max_length=16, choices=DataScope.choices)
    active = models.BooleanField("有效", default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_rule = ScopeRule(units=("org_unit",), owner="user")

    class Meta:
        verbose_name = "角色授权"
        constraints = [
            unique(
                ["user", "org_unit", "role"],
                "assignment_unique_user_unit_role",
                "该用户在此组织已有相同角色",
            ),
            # 三员分立: at most one of system/security/audit administrator per person.
            unique(
                ["user"],
                "assignment_separation_of_admin_duties",
                "三员分立：系统管理员、安全管理员、审计管理员不能由同一人兼任",
                condition=Q(role__in=[r.value for r in SEPARATED_ADMIN_ROLES], active=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org_unit} · {self.get_role_display()}"


class PasswordHistory(models.Model):
    """Hashes of a user's most recent passwords (the current one included), kept so that a new
    password cannot be an old one again. Only the services read it; no page or API shows it."""

    user = link(User, "用户", on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField("密码哈希", max_length=128)
    created_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = "历史密码"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d %H:%M}"


class TokenUse(models.Model):
    """When an API token (DRF authtoken) was last used, for its idle expiry (accounts.tokens).
    Deleted with its token."""

    token = models.OneToOneField(
        "authtoken.Token",
        verbose_name="API 令牌",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="use",
    )
    last_used_at = models.DateTimeField("最近使用时间")

    class Meta:
        verbose_name = "API 令牌使用"

    def __str__(self) -> str:
        return f"{self.token.user} {self.last_used_at:%Y-%m-%d %H:%M}"


class LoginLog(AppendOnly):
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    username = models.CharField("账号", max_length=150, db_index=True)
    user = link(User, "用户", optional=True, on_delete=models.SET_NULL)
    event = models.CharField(
        "事件",
        max_length=16,
        choices=[
            ("success", "登录成功"),
            ("failure", "登录失败"),
            ("locked", "账号锁定"),
            ("logout", "退出登录"),
            ("password", "修改密码"),
            ("otp_failure", "动态码错误"),
            ("otp_success", "双因素验证通过"),
        ],
    )
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    user_agent = models.CharField("浏览器", max_length=300, blank=True)

    # Login events of users in scope; failures for unknown usernames (no user, no unit) are
    # seen from the top of the tree, where someone guessing account names shows.
    scope_rule = ScopeRule(units=("user__assignments__org_unit",), unplaced_at_root=True)

    class Meta:
        verbose_name = "登录日志"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.event}"


class SecondFactor(models.Model):
    """A user's TOTP authenticator (RFC 6238) and one-time recovery codes (accounts.second_factor).

    The secret is AES-GCM encrypted with the PII key; the recovery codes are kept only as keyed
    hashes, shown once at enrolment. ``last_step`` is the time step of the last accepted code, so
    the same code (or an older one) is never accepted twice.
    """

    user = models.OneToOneField(
        User,
        verbose_name="用户",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="second_factor",
    )
    secret = models.TextField("密钥（加密）")
    confirmed_at = models.DateTimeField("绑定时间", null=True, blank=True)
    last_step = models.BigIntegerField("最近使用的时间步", null=True, blank=True)
    recovery_codes = models.JSONField("恢复码（哈希）", default=list, blank=True)
    failures = models.PositiveIntegerField("连续验证失败次数", default=0)
    failed_at = models.DateTimeField("最近验证失败时间", null=True, blank=True)

    class Meta:
        verbose_name = "双因素认证"

    def __str__(self) -> str:
        return f"{self.user} {'已绑定' if self.confirmed_at else '未绑定'}"
