"""core.records.run_form, core.services.update_audited and the shared date rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.core.records import run_form
from gonghui.core.services import update_audited
from gonghui.core.validators import end_after_start, not_in_future
from gonghui.orgs.models import Enterprise


class NameForm(forms.Form):
    name = forms.CharField(label="单位名称")


def _post(data: dict):
    request = RequestFactory().post("/x/", data)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _rename(actor: Access, enterprise: Enterprise, name: str) -> Enterprise:
    return update_audited(
        actor=actor, obj=enterprise, data={"name": name}, action="test.enterprise.renamed"
    )


def _run(request, call):
    return run_form(
        request,
        NameForm(request.POST),
        call,
        success=lambda e: f"已改名为{e.name}",
        next_url="/done/",
        title="改名",
        cancel_url="/",
        crumbs=[],
    )


def test_it_redirects_with_the_success_message_after_the_service(tree, personas):
    request = _post({"name": "甲公司（新）"})
    access = personas["owner"].access

    response = _run(request, lambda data: _rename(access, tree.enterprise_a, data["name"]))

    assert response.status_code == 302 and response.url == "/done/"
    assert [str(m) for m in get_messages(request)] == ["已改名为甲公司（新）"]
    assert Enterprise.objects.get(pk=tree.enterprise_a.pk).name == "甲公司（新）"


def test_it_shows_a_service_error_on_its_field_and_saves_nothing(tree, personas):
    request = _post({"name": "甲公司（新）"})
    access = personas["owner"].access
    entries = AuditEntry.objects.count()

    def service(data):
        # Writes first, then refuses: the whole call must be undone.
        _rename(access, tree.enterprise_a, data["name"])
        raise DomainError("该名称已被其他单位使用", field="name")

    response = _run(request, service)

    assert response.status_code == 200
    assert response.context_data["form"].errors == {"name": ["该名称已被其他单位使用"]}
    assert Enterprise.objects.get(pk=tree.enterprise_a.pk).name == "甲公司"
    assert AuditEntry.objects.count() == entries


def test_it_logs_the_before_after_diff_of_an_update(tree, personas):
    enterprise = _rename(personas["owner"].access, tree.enterprise_a, "  甲公司（新）  ")

    entry = AuditEntry.objects.filter(action="test.enterprise.renamed").get()
    assert enterprise.name == "甲公司（新）"
    assert entry.changes == {"name": ["甲公司", "甲公司（新）"]}
    assert entry.actor == personas["owner"].user
    assert entry.object_id == str(enterprise.pk)


def test_it_takes_the_before_image_from_the_row_it_locks(tree, personas):
    stale = Enterprise.objects.get(pk=tree.enterprise_a.pk)
    Enterprise.objects.filter(pk=stale.pk).update(address="新地址1号")

    with CaptureQueriesContext(connection) as queries:
        _rename(personas["owner"].access, stale, "甲公司（新）")

    entry = AuditEntry.objects.filter(action="test.enterprise.renamed").get()
    # The concurrent address change is neither lost nor reported as this actor's change.
    assert entry.changes == {"name": ["甲公司", "甲公司（新）"]}
    assert Enterprise.objects.get(pk=stale.pk).address == "新地址1号"
    if connection.features.has_select_for_update:
        reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
        assert "FOR UPDATE" in reads[0]


def test_it_logs_an_empty_diff_when_an_update_changes_nothing(tree, personas):
    _rename(personas["owner"].access, tree.enterprise_a, "甲公司")

    entry = AuditEntry.objects.filter(action="test.enterprise.renamed").get()
    assert entry.changes == {}


def test_it_masks_sensitive_values_and_refuses_fields_not_allowed(tree, personas):
    access = personas["owner"].access
    update_audited(
        actor=access,
        obj=tree.enterprise_a,
        data={"address": "秘密路"},
        action="test.enterprise.moved",
        sensitive={"address"},
    )
    entry = AuditEntry.objects.filter(action="test.enterprise.moved").get()
    assert entry.changes == {"address": "（已修改）"}

    with pytest.raises(Exception, match="不允许修改的字段：name"):
        update_audited(
            actor=access,
            obj=tree.enterprise_a,
            data={"name": "乙"},
            action="test.enterprise.renamed",
            allowed={"address"},
        )


TODAY = dt.date(2026, 12, 5)


def test_it_refuses_a_date_after_today_naming_the_field():
    not_in_future(TODAY, label="受理日期", today=TODAY)
    not_in_future(None, label="受理日期", today=TODAY)
    with pytest.raises(DomainError) as caught:
        not_in_future(dt.date(2026, 12, 6), label="受理日期", field="accepted_on", today=TODAY)
    assert caught.value.message == "受理日期不能晚于今天"
    assert caught.value.field == "accepted_on"


def test_it_refuses_an_end_before_its_start():
    end_after_start(dt.date(2026, 3, 1), dt.date(2026, 3, 1))
    end_after_start(None, dt.date(2026, 3, 1))
    with pytest.raises(DomainError) as caught:
        end_after_start(
            dt.date(2026, 3, 2),
            dt.date(2026, 3, 1),
            message="结案日期不能早于受理日期",
            field="closed_on",
        )
    assert (caught.value.message, caught.value.field) == ("结案日期不能早于受理日期", "closed_on")


def test_it_refuses_an_end_on_its_start_when_it_must_be_later():
    with pytest.raises(DomainError, match="任期届满日期应晚于成立日期"):
        end_after_start(
            dt.date(2026, 3, 1),
            dt.date(2026, 3, 1),
            message="任期届满日期应晚于成立日期",
            same_day=False,
        )


class _RenameForm(forms.Form):
    name = forms.CharField()
    service_fields = ("name",)

    def __init__(self, *args, access, enterprise, **kwargs):
        super().__init__(*args, initial={"name": enterprise.name}, **kwargs)

    def service_kwargs(self) -> dict:
        return {"name": self.cleaned_data["name"]}


def test_it_goes_back_to_the_list_when_an_edit_moves_the_record_out_of_scope(tree, personas):
    from django.http import Http404
    from django.urls import reverse

    from gonghui.core.records import edit_view
    from gonghui.core.roles import Perm
    from gonghui.orgs import services

    def get_named_a(access, pk):
        # A stand-in scope rule: the editor sees the enterprise only while it is named 甲….
        enterprise = Enterprise.objects.get(pk=pk)
        if not enterprise.name.startswith("甲"):
            raise Http404
        return enterprise

    view = edit_view(
        perm=Perm.EDIT_ORGS,
        get=get_named_a,
        form=_RenameForm,
        service=services.enterprise_update,
        record="enterprise",
        crumb=("用人单位", "/"),
        detail="orgs:enterprise_detail",
        list_url="orgs:enterprise_list",
    )
    pk = tree.enterprise_a.pk

    def post(name: str):
        request = _post({"name": name})
        request.user, request.access = personas["owner"].user, personas["owner"].access
        return view(request, pk)

    assert post("甲公司（新）").url == reverse("orgs:enterprise_detail", args=[pk])
    assert post("丙公司").url == reverse("orgs:enterprise_list")
