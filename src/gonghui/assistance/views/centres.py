"""Pages of the 帮扶中心 network and of 帮扶对子: centres and stations, pairs with their visits
and the follow-up a visit asked for. Lists export what they show; forms offer only units,
households and cadres within the actor's scope, and the services check the rules."""

from __future__ import annotations

from django.db.models import Count
from django.utils import timezone

from gonghui.assistance import services
from gonghui.assistance.forms_centres import (
    CentreForm,
    FollowUpForm,
    PairEndForm,
    PairForm,
    VisitForm,
)
from gonghui.assistance.selectors import (
    centres_for,
    get_centre_for,
    get_pair_for,
    get_visit_for,
    pairs_for,
    visits_for,
)
from gonghui.assistance.tables_centres import CentreTable, PairTable, VisitTable
from gonghui.core.records import RecordViews

CENTRES = RecordViews("assistance:centre", "帮扶中心（站点）", get_centre_for, "centre")
PAIRS = RecordViews("assistance:pair", "帮扶对子", get_pair_for, "pair")


# --- pages ---------------------------------------------------------------------------------


CentreListView = CENTRES.listing(CentreTable, centres_for, create="新建帮扶中心（站点）")
centre_detail = CENTRES.show("assistance/centre_detail.html", label="{obj.name}")
centre_create = CENTRES.create(
    form=CentreForm,
    service=services.centre_create,
    take=("org_unit",),
    title="新建帮扶中心（站点）",
    success="已新建",
)
centre_edit = CENTRES.edit(form=CentreForm, service=services.centre_update)
centre_close = CENTRES.reason(
    service=services.centre_close,
    success="已撤销“{obj}”",
    title="撤销：{obj}",
    question="撤销后该帮扶中心（站点）不再运行，记录保留。",
    submit_label="撤销",
)


def _pairs_for(access):
    return pairs_for(access).annotate(visit_count=Count("visits"))


PairListView = PAIRS.listing(PairTable, _pairs_for, create="建立帮扶对子")
VisitListView = PAIRS.listing(VisitTable, visits_for)
pair_detail = PAIRS.show(
    "assistance/pair_detail.html",
    lambda request, pair: {"visits": pair.visits.select_related("created_by")},
)
pair_create = PAIRS.create(
    form=PairForm, service=services.pair_create, title="建立帮扶对子", success="已建立帮扶对子"
)
pair_edit = PAIRS.edit(form=PairForm, service=services.pair_update)
pair_end = PAIRS.step(
    form=PairEndForm,
    service=services.pair_end,
    title="结束帮扶对子：{obj}",
    initial=lambda: {"ended_on": timezone.localdate()},
    success="已结束帮扶对子",
    submit_label="结束",
)
pair_visit = PAIRS.step(
    form=VisitForm,
    service=services.visit_log,
    title="登记走访：{obj}",
    initial=lambda: {"visited_on": timezone.localdate()},
    success="已登记走访",
)
visit_follow_up = PAIRS.item_step(
    get=get_visit_for,
    record="visit",
    parent=lambda access, visit: visit.pair,
    form=FollowUpForm,
    service=services.visit_follow_up_done,
    title="登记跟进完成：{obj.visited_on:%Y-%m-%d} 走访",
    initial=lambda visit: {"done_on": timezone.localdate()},
    success="已登记跟进完成",
)
