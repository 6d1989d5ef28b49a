"""Sidebar entries of this app."""

from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

register_menu(
    MenuItem("集体合同", "contracts:contract_list", Perm.VIEW_WORK, "集体协商", 50),
    MenuItem("工资集体协商", "contracts:bargaining_list", Perm.VIEW_WORK, "集体协商", 51),
    MenuItem("合同台账导入", "contracts:import", Perm.EDIT_WORK, "集体协商", 52),
)
