"""Sidebar entries of this app."""

from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

register_menu(
    MenuItem("会员名册", "members:person_list", Perm.VIEW_MEMBERS, "会员管理", 20),
    MenuItem("名册导入", "members:import", Perm.IMPORT_MEMBERS, "会员管理", 21),
)
