"""Declarative record pages: the one form flow every app uses, and generic list / create /
edit / detail pages driven by a ``RecordPages`` declaration.

An app declares its fields (a form), its permissions and its services; the flow
"valid POST → service → message → redirect, service errors next to their field, nothing saved"
is written here once. Services stay the only place that writes.
"""

from gonghui.core.records.declared import RecordViews, edit_view
from gonghui.core.records.flow import (
    action_page,
    create_page,
    edit_page,
    reason_page,
    record_page,
    run_form,
)
from gonghui.core.records.registry import (
    RecordListView,
    RecordPages,
    detail_rows,
    pages_of,
    record_views,
)

__all__ = [
    "RecordListView",
    "RecordPages",
    "RecordViews",
    "action_page",
    "create_page",
    "detail_rows",
    "edit_page",
    "edit_view",
    "pages_of",
    "reason_page",
    "record_page",
    "record_views",
    "run_form",
]
