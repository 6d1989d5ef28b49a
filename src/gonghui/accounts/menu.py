"""Sidebar entries of this app."""

from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

register_menu(
    MenuItem("我的会籍", "accounts:me", Perm.SELF_SERVICE, "个人中心", 5),
    MenuItem("用户管理", "accounts:user_list", Perm.MANAGE_USERS, "系统管理", 90),
    MenuItem("角色授权", "accounts:user_list", Perm.MANAGE_ROLES, "系统管理", 91),
    MenuItem("登录日志", "accounts:login_log", Perm.VIEW_AUDIT, "安全审计", 95),
    MenuItem("操作日志", "accounts:audit_log", Perm.VIEW_AUDIT, "安全审计", 96),
)
