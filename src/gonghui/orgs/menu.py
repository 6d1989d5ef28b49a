"""Sidebar entries of this app."""

from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

register_menu(
    MenuItem("组织架构", "orgs:orgunit_tree", Perm.VIEW_ORGS, "组织建设", 10),
    MenuItem("工会组织", "orgs:orgunit_list", Perm.VIEW_ORGS, "组织建设", 11),
    MenuItem("用人单位", "orgs:enterprise_list", Perm.VIEW_ORGS, "组织建设", 12),
)
