"""Sidebar entries of this app."""

from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

register_menu(
    MenuItem("职代会", "democracy:congress_list", Perm.VIEW_WORK, "民主管理", 40),
    MenuItem("职代会会议", "democracy:session_list", Perm.VIEW_WORK, "民主管理", 41),
    MenuItem("厂务公开", "democracy:disclosure_list", Perm.VIEW_WORK, "民主管理", 42),
    MenuItem("董事会监事会", "democracy:board_list", Perm.VIEW_WORK, "民主管理", 43),
    MenuItem("职工董事监事", "democracy:board_seat_list", Perm.VIEW_WORK, "民主管理", 44),
)
