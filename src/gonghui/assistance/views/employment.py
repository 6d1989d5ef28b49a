"""Pages of 就业服务 (job seekers and placements): the seeker list searchable by name or by a
whole 身份证号 (matched on its blind index, never in the URL), registration by name, and the
placements that took a seeker into work. Trainings and fairs: views/trainings.py."""

from __future__ import annotations

from gonghui.assistance import services
from gonghui.assistance.forms_employment import PlacementForm, SeekerForm
from gonghui.assistance.selectors import (
    get_placement_for,
    get_seeker_for,
    placements_for,
    seekers_for,
)
from gonghui.assistance.tables_employment import PlacementTable, SeekerTable
from gonghui.core.encrypted import shown
from gonghui.core.records import RecordViews

SEEKERS = RecordViews("assistance:seeker", "求职登记", get_seeker_for, "seeker")
PLACEMENTS = RecordViews("assistance:placement", "就业安置", get_placement_for, "placement")


# --- pages ---------------------------------------------------------------------------------


SeekerListView = SEEKERS.listing(SeekerTable, seekers_for, create="求职登记")


def _seeker_context(request, seeker) -> dict:
    return {
        "id_masked": seeker.person.id_masked if seeker.person else seeker.id_masked,
        "phone": shown(request.access, seeker, "phone"),
        "enrolments": seeker.enrolments.select_related("training").order_by("-enrolled_on"),
        "fairs": seeker.fairs.select_related("fair").order_by("-fair__held_on"),
        "placements": seeker.placements.select_related("fair").order_by("-placed_on"),
    }


seeker_detail = SEEKERS.show(
    "assistance/seeker_detail.html", _seeker_context, title="{obj.name}", label="{obj.name}"
)
seeker_create = SEEKERS.create(
    form=SeekerForm,
    service=services.seeker_register,
    take=("org_unit",),
    title="求职实名登记",
    success="已登记",
)
seeker_edit = SEEKERS.edit(form=SeekerForm, service=services.seeker_update)
seeker_leave = SEEKERS.reason(
    service=services.seeker_leave,
    success="“{obj}”已退出就业服务",
    title="退出就业服务：{obj}",
    question="退出后不再为其安排培训和招聘会，记录保留。",
    submit_label="退出",
)

PlacementListView = PLACEMENTS.listing(PlacementTable, placements_for, create="登记就业")
placement_detail = PLACEMENTS.show("assistance/placement_detail.html")


def _seeker_initial(request) -> dict:
    seeker = request.GET.get("seeker", "")
    return {"seeker": seeker} if seeker.isdigit() else {}


placement_create = PLACEMENTS.create(
    form=PlacementForm,
    service=services.placement_record,
    initial=_seeker_initial,
    title="登记就业",
    success="已登记就业",
)
placement_edit = PLACEMENTS.edit(form=PlacementForm, service=services.placement_update)
