"""Chinese names of the audit actions written by core."""

from gonghui.core.audit import register_action_labels

register_action_labels({"core.export": "导出Excel"})
