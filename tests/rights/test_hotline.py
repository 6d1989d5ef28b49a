"""The 12351 hotline flow: register, accept, assign down the tree only, reply, resolve, call
back; a worker's own appeals (submit, follow, rate) and nobody else's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gonghui.core.access import SYSTEM
from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.rights import services
from gonghui.rights.choices import EventKind, OrderStatus
from gonghui.rights.models import WorkOrder
from tests.rights.conftest import SECRET, register_order


def test_it_assigns_only_down_the_tree(tree, personas):
    owner, parent = personas["owner"], personas["parent"]
    order = register_order(parent, tree.street_a)
    with pytest.raises(DomainError, match="只能交办给本单位及下级组织"):
        services.workorder_assign(actor=parent.access, order=order, to_unit=tree.street_b)
    services.workorder_assign(actor=parent.access, order=order, to_unit=tree.union_a, note="请核实")
    assert order.org_unit == tree.union_a
    assert order.events.last().kind == EventKind.ASSIGNED
    # union_a cannot pass it sideways or back up.
    for target in (tree.union_b, tree.street_a):
        with pytest.raises(DomainError, match="只能交办给本单位及下级组织"):
            services.workorder_assign(actor=owner.access, order=order, to_unit=target)
    # The street may move it between its unions: a 改派.
    services.workorder_assign(actor=parent.access, order=order, to_unit=tree.union_b)
    assert order.events.last().kind == EventKind.REASSIGNED
    assert AuditEntry.objects.filter(action="rights.workorder.reassigned").count() == 1


def test_it_assigns_through_the_page_only_to_units_below(tree, personas):
    parent = personas["parent"]
    order = register_order(parent, tree.street_a)
    client = parent.client()
    url = f"/rights/orders/{order.pk}/assign/"
    options = client.get(url).context["form"].fields["to_unit"].queryset
    assert set(options) == {tree.union_a, tree.union_b}
    response = client.post(url, {"to_unit": tree.street_b.pk})
    assert response.status_code == 200
    assert "不在可选范围内" in response.content.decode()
    response = client.post(url, {"to_unit": tree.union_b.pk, "note": "请办理"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.org_unit == tree.union_b
    # Now union_a's admin no longer sees it; union_b's does.
    assert personas["owner"].client().get(f"/rights/orders/{order.pk}/").status_code == 404
    assert personas["sibling"].client().get(f"/rights/orders/{order.pk}/").status_code == 200


def test_it_walks_an_order_through_its_steps_on_the_pages(tree, personas, order):
    client = personas["owner"].client()
    base = f"/rights/orders/{order.pk}"
    assert client.post(f"{base}/reply/", {"note": "正在核实"}).status_code == 302
    day = order.accepted_on + dt.timedelta(days=1)
    response = client.post(f"{base}/resolve/", {"resolution": "已补发工资", "resolved_on": day})
    assert response.status_code == 302
    response = client.post(
        f"{base}/callback/", {"satisfaction": "basic", "called_back_on": day, "note": "电话回访"}
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CALLED_BACK
    assert (order.satisfaction, order.on_time) == ("basic", True)
    kinds = list(order.events.values_list("kind", flat=True))
    assert kinds == ["accepted", "replied", "resolved", "called_back"]
    page = client.get(f"{base}/").content.decode()
    assert "已补发工资" in page and "基本满意" in page


def test_it_refuses_to_resolve_before_acceptance_date(tree, personas, order):
    response = (
        personas["owner"]
        .client()
        .post(
            f"/rights/orders/{order.pk}/resolve/",
            {"resolution": "已办理", "resolved_on": order.accepted_on - dt.timedelta(days=1)},
        )
    )
    assert response.status_code == 200
    assert "办结日期不能早于受理日期" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.HANDLING


def test_it_registers_an_order_on_the_page(tree, personas):
    response = (
        personas["owner"]
        .client()
        .post(
            "/rights/orders/new/",
            {
                "channel": "phone",
                "order_type": "consult",
                "order_class": "general",
                "caller_name": "赵来电",
                "caller_phone": "13800000000",
                "unit": tree.union_a.pk,
                "accepted_on": "2025-09-30",
                "content": "咨询加班费",
            },
        )
    )
    assert response.status_code == 302, response.content.decode()
    order = WorkOrder.objects.get(caller_name="赵来电")
    assert order.due_on == dt.date(2025, 10, 11)
    assert order.status == OrderStatus.HANDLING


# --- the worker's side --------------------------------------------------------------------


def test_a_worker_files_an_appeal_online_to_their_union(tree, personas):
    client = personas["worker"].client()
    response = client.post("/rights/my/new/", {"order_type": "complaint", "content": SECRET})
    assert response.status_code == 302
    order = WorkOrder.objects.get(content=SECRET)
    assert order.submitter == tree.member_a.person
    assert (order.org_unit, order.channel, order.status) == (tree.union_a, "online", "pending")
    assert order.received_on == timezone.localdate()
    assert order.number in client.get("/rights/my/").content.decode()
    # The union sees it waiting for acceptance.
    listing = personas["owner"].client().get("/rights/orders/?status=pending")
    assert order.number in listing.content.decode()


def test_a_worker_sees_the_answer_and_rates_it(tree, personas, worker_order):
    owner, worker = personas["owner"], personas["worker"]
    today = timezone.localdate()
    services.workorder_accept(
        actor=owner.access, order=worker_order, order_class="general", accepted_on=today
    )
    services.workorder_reply(actor=owner.access, order=worker_order, note="正在核实您的情况")
    services.workorder_resolve(
        actor=owner.access, order=worker_order, resolution="您可享受5天年休假", resolved_on=today
    )
    client = worker.client()
    url = f"/rights/my/{worker_order.pk}/"
    page = client.get(url).content.decode()
    assert "您可享受5天年休假" in page and "正在核实您的情况" in page
    assert "提交评价" in page
    response = client.post(f"{url}rate/", {"satisfaction": "satisfied", "feedback": "谢谢"})
    assert response.status_code == 302
    worker_order.refresh_from_db()
    assert (worker_order.status, worker_order.satisfaction) == ("called_back", "satisfied")
    assert "提交评价" not in client.get(url).content.decode()
    # Rating twice is refused.
    response = client.post(f"{url}rate/", {"satisfaction": "unsatisfied"}, follow=True)
    assert "已回访评价" in response.content.decode()
    worker_order.refresh_from_db()
    assert worker_order.satisfaction == "satisfied"


def test_a_worker_cannot_rate_before_resolution(personas, worker_order):
    response = (
        personas["worker"]
        .client()
        .post(f"/rights/my/{worker_order.pk}/rate/", {"satisfaction": "satisfied"}, follow=True)
    )
    assert "工单办结后才能回访评价" in response.content.decode()
    worker_order.refresh_from_db()
    assert worker_order.satisfaction == ""


def test_a_worker_sees_only_their_own_appeals(tree, personas, worker_order, order):
    other = services.workorder_submit_online(
        actor=personas["outsider_worker"].access, order_type="consult", content="别人的诉求"
    )
    client = personas["worker"].client()
    listing = client.get("/rights/my/").content.decode()
    assert worker_order.number in listing
    assert other.number not in listing and order.number not in listing
    assert client.get(f"/rights/my/{other.pk}/").status_code == 404
    assert client.get(f"/rights/my/{order.pk}/").status_code == 404
    assert (
        client.post(f"/rights/my/{other.pk}/rate/", {"satisfaction": "satisfied"}).status_code
        == 404
    )
    # Cadre pages do not exist for a worker.
    assert client.get("/rights/orders/").status_code == 404
    assert client.get(f"/rights/orders/{worker_order.pk}/").status_code == 404


def test_a_worker_does_not_see_internal_assignment_notes(tree, personas, worker_order):
    parent = personas["parent"]
    services.workorder_accept(
        actor=parent.access,
        order=worker_order,
        order_class="general",
        accepted_on=timezone.localdate(),
    )
    services.workorder_reply(actor=parent.access, order=worker_order, note="公开答复")
    page = personas["worker"].client().get(f"/rights/my/{worker_order.pk}/").content.decode()
    assert "公开答复" in page
    assert "经办人" not in page


def test_a_worker_without_a_union_cannot_file_online(tree, personas):
    person = tree.member_a.person
    person.current_union = None
    person.save(update_fields=["current_union"])
    response = (
        personas["worker"]
        .client()
        .post("/rights/my/new/", {"order_type": "consult", "content": "咨询"})
    )
    assert response.status_code == 200
    assert "12351热线" in response.content.decode()
    assert not WorkOrder.objects.exists()


def test_a_worker_reports_a_hazard(tree, personas):
    client = personas["worker"].client()
    response = client.post("/rights/my/hazard/", {"description": "消防通道被堵"})
    assert response.status_code == 302
    assert "消防通道被堵" in client.get("/rights/my/").content.decode()
    page = personas["owner"].client().get("/rights/hazard/").content.decode()
    assert "消防通道被堵" in page
    assert (
        personas["sibling"].client().get("/rights/hazard/").content.decode().count("消防通道被堵")
        == 0
    )


def test_it_shows_events_recorded_without_an_actor(personas, order):
    from gonghui.rights.models import WorkOrderEvent

    WorkOrderEvent.objects.create(order=order, kind=EventKind.REPLIED, note="系统导入")
    page = personas["owner"].client().get(f"/rights/orders/{order.pk}/")
    assert page.status_code == 200 and "系统导入" in page.content.decode()


def test_it_records_the_acting_user_on_the_order_its_events_and_the_audit(tree, personas):
    owner = personas["owner"]
    order = register_order(owner, tree.union_a)
    services.workorder_reply(actor=owner.access, order=order, note="正在核实")
    assert order.created_by == owner.user
    assert {e.actor for e in order.events.all()} == {owner.user}
    entries = AuditEntry.objects.filter(action__startswith="rights.workorder.")
    assert {e.actor for e in entries} == {owner.user} and entries.count() == 2


def test_it_refuses_an_online_appeal_without_an_account(tree):
    # tree.member_a's person has no account here: SYSTEM must not be taken for them.
    with pytest.raises(DomainError, match="职工本人的账号"):
        services.workorder_submit_online(actor=SYSTEM, order_type="consult", content="咨询")
    assert not WorkOrder.objects.exists()


def test_it_refuses_a_rating_by_someone_without_an_account(tree, personas):
    owner = personas["owner"]
    person = tree.member_a.person
    person.user = None
    person.save(update_fields=["user"])
    order = register_order(owner, tree.union_a, submitter=person)
    services.workorder_resolve(
        actor=owner.access, order=order, resolution="已办理", resolved_on=order.accepted_on
    )
    with pytest.raises(DomainError, match="只能评价本人提交的诉求"):
        services.workorder_rate(actor=SYSTEM, order=order, satisfaction="satisfied")
    order.refresh_from_db()
    assert (order.status, order.satisfaction) == (OrderStatus.RESOLVED, "")


def test_it_refuses_to_resolve_an_order_twice_from_a_stale_copy(personas, order):
    owner = personas["owner"].access
    stale = WorkOrder.objects.get(pk=order.pk)
    services.workorder_resolve(
        actor=owner, order=order, resolution="已协调解决", resolved_on=dt.date(2025, 3, 10)
    )
    # A second cadre still looking at the open order: the step re-reads it under the lock.
    with pytest.raises(DomainError, match="已办结"):
        services.workorder_resolve(
            actor=owner, order=stale, resolution="重复办结", resolved_on=dt.date(2025, 3, 11)
        )
    assert AuditEntry.objects.filter(action="rights.workorder.resolved").count() == 1
    assert order.events.filter(kind=EventKind.RESOLVED).count() == 1


def test_it_continues_a_days_numbers_given_before_the_counter_existed(tree, personas):
    from gonghui.core.models import Counter

    first = register_order(personas["owner"], tree.union_a)
    assert first.number == "12351-20250303-0001"
    Counter.objects.all().delete()  # a database from before the counter: orders, no counter
    second = register_order(personas["owner"], tree.union_a)
    assert second.number == "12351-20250303-0002"
