"""`gonghui admins …`: the 三员 (系统/安全/审计管理员) accounts, managed only on the server.

三员分立 (docs/accounts.md): in the app nobody grants or revokes a 三员 role, and nobody resets,
unlocks or otherwise acts on another 三员 account, so that no single administrator can become
two. The operator who runs this command already holds the server, the database and its keys;
every action goes through the same services and is audited as 系统.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gonghui.accounts import second_factor, services
from gonghui.accounts.models import RoleAssignment, User
from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.core.roles import SEPARATED_ADMIN_ROLES, Role
from gonghui.orgs.models import OrgUnit

ROLE_CHOICES = [r.value for r in SEPARATED_ADMIN_ROLES]


class Command(BaseCommand):
    help = (
        "三员账号（系统管理员、安全管理员、审计管理员）的授权、撤销、重置密码、解锁、撤销 API 令牌"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, title="操作")
        grant = sub.add_parser("grant", help="授予三员角色")
        revoke = sub.add_parser("revoke", help="撤销三员角色")
        for p in (grant, revoke):
            p.add_argument("username", help="用户名")
            p.add_argument("role", choices=ROLE_CHOICES, help="角色")
            p.add_argument("unit", help="组织代码")
        reset = sub.add_parser("reset-password", help="重置密码（首次登录须修改）")
        reset.add_argument("username", help="用户名")
        reset.add_argument("--password", help="新的初始密码（留空则自动生成）")
        sub.add_parser("unlock", help="解除登录锁定").add_argument("username", help="用户名")
        sub.add_parser("revoke-token", help="撤销 API 令牌").add_argument("username", help="用户名")
        sub.add_parser("reset-2fa", help="重置双因素认证（下次登录重新绑定）").add_argument(
            "username", help="用户名"
        )

    def handle(self, *args, **options):
        action = options["action"]
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"用户“{options['username']}”不存在")
        try:
            self.stdout.write(self._run(action, user, options))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        except ValidationError as exc:
            raise CommandError("；".join(exc.messages)) from exc

    def _run(self, action: str, user: User, options: dict) -> str:
        if action in ("grant", "revoke"):
            unit = OrgUnit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"组织代码“{options['unit']}”不存在")
            role = Role(options["role"])
            if action == "grant":
                services.assignment_grant(actor=SYSTEM, user=user, org_unit=unit, role=role)
                return f"已授予“{user.username}”{unit.name} · {role.label}"
            assignment = RoleAssignment.objects.filter(user=user, org_unit=unit, role=role).first()
            if assignment is None:
                raise CommandError(f"“{user.username}”在{unit.name}没有{role.label}角色")
            services.assignment_revoke(actor=SYSTEM, assignment=assignment)
            return f"已撤销“{user.username}”{unit.name} · {role.label}"
        if action == "reset-password":
            password = services.user_reset_password(
                actor=SYSTEM, user=user, password=options["password"]
            )
            return f"“{user.username}”的新初始密码（只显示这一次，首次登录须修改）：{password}"
        if action == "unlock":
            services.user_unlock(actor=SYSTEM, user=user)
            return f"已解除“{user.username}”的登录锁定"
        if action == "reset-2fa":
            second_factor.reset(actor=SYSTEM, user=user)
            return f"已重置“{user.username}”的双因素认证，其下次登录须重新绑定身份验证器"
        services.token_revoke(actor=SYSTEM, user=user)
        return f"已撤销“{user.username}”的 API 令牌"
