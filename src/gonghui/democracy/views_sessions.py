"""Pages of congress sessions: record a session with resolutions and 民主评议干部, view it
(有效/无效, 通过/未通过, report due), edit it, record the report upward."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone

from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.pages import form_page
from gonghui.core.records import record_page
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView, perm_required
from gonghui.democracy import services_sessions as services
from gonghui.democracy.forms import (
    SESSION_MESSAGE_FIELDS,
    EvaluationFormSet,
    ReportForm,
    ResolutionFormSet,
    SessionForm,
    formset_rows,
)
from gonghui.democracy.selectors import get_congress_for, get_session_for, sessions_for
from gonghui.democracy.tables import REPORT_LABELS, SessionTable
from gonghui.democracy.views import CONGRESSES

SESSION_FIELD_MAP = {"resolutions": "__all__", "evaluations": "__all__"}


class SessionListView(TableView):
    perm = Perm.VIEW_WORK
    table_class = SessionTable
    selector = sessions_for
    breadcrumbs = [CONGRESSES.crumb, ("职代会会议", None)]


def _formsets(request, session=None):
    data = request.POST if request.method == "POST" else None
    res_initial = ev_initial = None
    if session is not None and data is None:
        res_initial = list(
            session.resolutions.order_by("pk").values(
                "title", "votes_for", "votes_against", "votes_abstain"
            )
        )
        ev_initial = list(
            session.evaluations.order_by("pk").values(
                "cadre_name", "position", "satisfied", "basically", "unsatisfied"
            )
        )
    return (
        ResolutionFormSet(data, prefix="res", initial=res_initial),
        EvaluationFormSet(data, prefix="ev", initial=ev_initial),
    )


def _render(request, form, resolutions, evaluations, *, title, congress, cancel_url):
    return form_page(
        request,
        form,
        title=title,
        cancel_url=cancel_url,
        crumbs=[CONGRESSES.crumb, (congress.name, congress.get_absolute_url())],
        template="democracy/session_form.html",
        resolutions=resolutions,
        evaluations=evaluations,
    )


def _apply(form, exc) -> None:
    apply_service_error(
        form, exc, field_map=SESSION_FIELD_MAP, message_fields=SESSION_MESSAGE_FIELDS
    )


def _session_page(request, congress, form, resolutions, evaluations, save, *, title, cancel_url):
    """The session form with its two formsets: ``save(resolutions, evaluations, cleaned)`` is
    the service; its refusal is shown on the form, nothing saved."""
    if (
        request.method == "POST"
        and form.is_valid()
        and resolutions.is_valid()
        and evaluations.is_valid()
    ):
        try:
            session = save(formset_rows(resolutions), formset_rows(evaluations), form.cleaned_data)
        except (DomainError, ValidationError) as exc:
            _apply(form, exc)
        else:
            return redirect(session.get_absolute_url())
    return _render(
        request,
        form,
        resolutions,
        evaluations,
        title=title,
        congress=congress,
        cancel_url=cancel_url,
    )


@perm_required(Perm.EDIT_WORK)
def session_create(request, pk: int):
    congress = get_congress_for(request.access, pk)

    def save(resolutions, evaluations, data):
        session = services.session_create(
            actor=request.access,
            congress=congress,
            resolutions=resolutions,
            evaluations=evaluations,
            **data,
        )
        if session.quorum_met:
            messages.success(request, f"已登记“{session.title}”")
        else:
            messages.warning(
                request,
                f"已登记“{session.title}”：实到{session.present}人，"
                f"未达到应到{session.representatives_total}人的三分之二，会议无效，"
                "决议均不能通过",
            )
        return session

    return _session_page(
        request,
        congress,
        SessionForm(request.POST or None, congress=congress),
        *_formsets(request),
        save,
        title="登记职代会会议",
        cancel_url=congress.get_absolute_url(),
    )


@perm_required(Perm.EDIT_WORK)
def session_edit(request, pk: int):
    session = get_session_for(request.access, pk)

    def save(resolutions, evaluations, data):
        try:
            services.session_update(
                actor=request.access,
                session=session,
                resolutions=resolutions,
                evaluations=evaluations,
                **data,
            )
        except (DomainError, ValidationError):
            session.refresh_from_db()
            raise
        messages.success(request, "已保存")
        return session

    return _session_page(
        request,
        session.congress,
        SessionForm(request.POST or None, congress=session.congress, session=session),
        *_formsets(request, session),
        save,
        title=f"编辑：{session.title}",
        cancel_url=session.get_absolute_url(),
    )


@perm_required(Perm.VIEW_WORK)
def session_detail(request, pk: int):
    session = get_session_for(request.access, pk)
    congress = session.congress
    label, kind = REPORT_LABELS[services.report_state(session, timezone.localdate())]
    context = {
        "title": session.title,
        "session": session,
        "congress": congress,
        "resolutions": session.resolutions.order_by("pk"),
        "evaluations": session.evaluations.order_by("pk"),
        "report_label": label,
        "report_kind": kind,
        "quorum_needed": -(-session.representatives_total * 2 // 3),
        "majority_needed": session.representatives_total // 2 + 1,
        "can_edit": request.access.has(Perm.EDIT_WORK),
        "breadcrumbs": [
            CONGRESSES.crumb,
            (congress.name, congress.get_absolute_url()),
            (session.title, None),
        ],
    }
    return TemplateResponse(request, "democracy/session_detail.html", context)


@perm_required(Perm.EDIT_WORK)
def session_report(request, pk: int):
    session = get_session_for(request.access, pk)
    return record_page(
        request,
        session,
        ReportForm(request.POST or None, initial={"reported_on": timezone.localdate()}),
        lambda data: services.session_report(
            actor=request.access, session=session, reported_on=data["reported_on"]
        ),
        crumb=CONGRESSES.crumb,
        title="登记报告上级",
        success="已登记报告上级",
        submit_label="登记",
    )
