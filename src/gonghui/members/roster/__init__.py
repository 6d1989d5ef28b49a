"""Member roster import (名册导入): template, reading, validation, all-or-nothing save, jobs."""

from gonghui.core.audit import register_action_labels
from gonghui.core.imports.errors import RowError
from gonghui.members.roster.importer import ImportResult, import_roster

register_action_labels({"members.roster.imported": "导入会员名册"})

__all__ = ["ImportResult", "RowError", "import_roster"]
