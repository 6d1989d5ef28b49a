from gonghui.core.menu import MenuItem, register_menu
from gonghui.core.roles import Perm

register_menu(
    MenuItem("职工书屋", "example:library_list", Perm.VIEW_WORK, "职工文化", 90),
    MenuItem("书屋台账导入", "example:import", Perm.EDIT_WORK, "职工文化", 91),
)
