"""Sidebar entries of this app."""

from gonghui.core.menu import MenuItem, register_menu

register_menu(
    MenuItem("首页", "core:home", None, "概览", 0),
)
