"""The simple registries — legal aid, 信访, labour-law inspections, 安康杯, hazard reports —
declared once each: table, selector, form, services. The pages are core.records'."""

from __future__ import annotations

from functools import partial

from django.utils import timezone

from gonghui.core import records
from gonghui.rights import forms, selectors, services, tables
from gonghui.rights.masking import text
from gonghui.rights.views.common import MESSAGE_FIELDS

Pages = partial(records.RecordPages, "rights", mask=text, message_fields=MESSAGE_FIELDS)

REGISTRIES = {
    r.name: r
    for r in (
        Pages(
            "legal_aid",
            "法律援助案件",
            tables.LegalAidTable,
            selectors.legal_aid_for,
            forms.LegalAidForm,
            services.legal_aid_create,
            services.legal_aid_update,
            "case",
            lambda: {"accepted_on": timezone.localdate()},
            frozenset({"matter"}),
        ),
        Pages(
            "petition",
            "信访记录",
            tables.PetitionTable,
            selectors.petitions_for,
            forms.PetitionForm,
            services.petition_create,
            services.petition_update,
            "record",
            lambda: {"received_on": timezone.localdate()},
            frozenset({"matter", "handling", "result"}),
        ),
        Pages(
            "inspection",
            "监督检查",
            tables.InspectionTable,
            selectors.inspections_for,
            forms.InspectionForm,
            services.inspection_create,
            services.inspection_update,
            "inspection",
            lambda: {"inspected_on": timezone.localdate()},
        ),
        Pages(
            "ankang",
            "安康杯参赛企业",
            tables.AnkangTable,
            selectors.ankang_for,
            forms.AnkangForm,
            services.ankang_create,
            services.ankang_update,
            "entry",
            lambda: {"year": timezone.localdate().year},
        ),
        Pages(
            "hazard",
            "隐患报告",
            tables.HazardTable,
            selectors.hazards_for,
            forms.HazardForm,
            services.hazard_create,
            services.hazard_update,
            "hazard",
            lambda: {"reported_on": timezone.localdate()},
        ),
    )
}


class RecordListView(records.RecordListView):
    registries = REGISTRIES


record_create, record_edit = records.record_views(REGISTRIES)
