from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

register_menu(MenuItem("职工书屋", "example:library_list", Perm.VIEW_WORK, "职工书屋", 90))
