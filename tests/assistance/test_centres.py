"""帮扶中心 and 帮扶站点 at the right level of the tree, 帮扶对子 with households on file, the
visits of a pair and their follow-up; and none of it visible or changeable from outside."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from gonghui.assistance import selectors, services
from gonghui.assistance.models import AssistancePair, PairVisit, ServiceCentre
from gonghui.assistance.models.centres import CentreKind, CentreStatus
from gonghui.core.access import SYSTEM
from gonghui.core.constraints import constraint_errors
from gonghui.core.errors import DomainError
from gonghui.orgs.choices import OrgKind
from tests.assistance.conftest import D, apply_for, filed_file
from tests.factories import OrgUnitFactory
from tests.races import at_once, pg_only

pytestmark = pytest.mark.django_db


def centre(actor, unit, **changes):
    values = {
        "org_unit": unit,
        "kind": CentreKind.STATION,
        "name": f"{unit.name}帮扶站点",
        "address": "幸福路1号",
        "phone": "0755-12345678",
        "opening_hours": "工作日 9:00-17:00",
        "staff_count": 2,
    }
    values.update(changes)
    return services.centre_create(actor=actor, **values)


def pair_for(personas, file, **changes):
    owner = personas["owner"]
    values = {"file": file, "cadre": owner.user, "started_on": D(2025, 10, 20)}
    values.update(changes)
    return services.pair_create(actor=owner.access, **values)


def test_it_sets_up_a_centre_at_county_level_and_stations_below(tree, personas):
    district = personas["district_admin"].access
    made = centre(district, tree.district, kind=CentreKind.CENTRE, name="区职工帮扶中心")
    station = centre(district, tree.street_a)

    assert (made.kind, station.kind) == (CentreKind.CENTRE, CentreKind.STATION)
    with pytest.raises(DomainError, match="帮扶中心须设在县级以上总工会") as caught:
        centre(district, tree.union_a, kind=CentreKind.CENTRE)
    assert caught.value.field == "kind"
    with pytest.raises(DomainError, match="帮扶站点设在其下级单位"):
        centre(personas["district_admin"].access, tree.district, kind=CentreKind.STATION)


def test_it_refuses_a_station_in_a_union_group_or_outside_any_county_federation(tree):
    group = OrgUnitFactory(parent=tree.union_a, name="一车间小组", kind=OrgKind.GROUP)
    lone = OrgUnitFactory(name="独立街道总工会", kind=OrgKind.STREET_FEDERATION)

    with pytest.raises(DomainError, match="工会小组不能设立帮扶站点"):
        centre(SYSTEM, group)
    with pytest.raises(DomainError, match="须设在县级以上总工会的下级单位"):
        centre(SYSTEM, lone)
    assert not ServiceCentre.objects.exists()


def test_it_keeps_one_running_centre_per_unit_and_allows_a_new_one_after_closing(tree, personas):
    owner = personas["owner"].access
    first = centre(owner, tree.union_a)

    with pytest.raises((DomainError, ValidationError), match="已有运行中的帮扶中心"):
        centre(owner, tree.union_a, name="第二个站点")
    services.centre_close(actor=owner, centre=first, reason="并入街道站点")
    with pytest.raises(DomainError, match="已撤销"):
        services.centre_close(actor=owner, centre=first, reason="再次撤销")
    second = centre(owner, tree.union_a, name="新站点")

    first.refresh_from_db()
    assert first.status == CentreStatus.CLOSED
    assert second.status == CentreStatus.OPEN


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phone": "电话"}, "phone"),
        ({"phone": "12"}, "phone"),
        ({"address": " "}, "address"),
        ({"opening_hours": ""}, "opening_hours"),
        ({"staff_count": -1}, "staff_count"),
        ({"kind": "hub"}, "kind"),
    ],
)
def test_it_names_the_bad_centre_field_and_saves_nothing(tree, personas, changes, field):
    with pytest.raises(DomainError) as caught:
        centre(personas["owner"].access, tree.union_a, **changes)
    assert caught.value.field == field
    assert not ServiceCentre.objects.exists()


def test_it_keeps_a_centre_at_its_level_when_edited(tree, personas):
    owner = personas["owner"].access
    station = centre(owner, tree.union_a)

    services.centre_update(actor=owner, centre=station, opening_hours="每天 8:00-20:00")
    with pytest.raises(DomainError, match="帮扶中心须设在县级以上总工会"):
        services.centre_update(actor=owner, centre=station, kind=CentreKind.CENTRE)

    station.refresh_from_db()
    assert (station.kind, station.opening_hours) == (CentreKind.STATION, "每天 8:00-20:00")


def test_it_pairs_a_cadre_only_with_a_household_on_file(dibao, tree, personas):
    pending = apply_for(personas["owner"].access, tree)

    with pytest.raises(DomainError, match="只有在档的困难职工可以结对帮扶"):
        pair_for(personas, pending)
    assert not AssistancePair.objects.exists()


def test_it_refuses_a_second_open_pair_of_one_cadre_and_household(dibao, tree, personas):
    file = filed_file(personas, tree)
    first = pair_for(personas, file)

    with pytest.raises(DomainError, match="已有进行中的帮扶对子"):
        pair_for(personas, file, started_on=D(2025, 11, 1))
    services.pair_end(
        actor=personas["owner"].access, pair=first, ended_on=D(2025, 11, 1), reason="干部调动"
    )
    again = pair_for(personas, file, started_on=D(2025, 11, 2))

    assert again.is_open and not AssistancePair.objects.get(pk=first.pk).is_open


def test_it_turns_the_database_rule_of_one_open_pair_into_its_message(dibao, tree, personas):
    pair = pair_for(personas, filed_file(personas, tree))

    message = "该干部与该困难职工已有进行中的帮扶对子"
    with pytest.raises(DomainError, match=message), constraint_errors(AssistancePair):
        AssistancePair.objects.create(
            org_unit=pair.org_unit,
            cadre=pair.cadre,
            cadre_name="x",
            file=pair.file,
            started_on=pair.started_on,
        )


def test_it_pairs_only_a_cadre_who_serves_the_household(dibao, tree, personas):
    file = filed_file(personas, tree)

    for outsider in ("sibling", "worker"):
        with pytest.raises(DomainError, match="管辖范围内的工会干部") as caught:
            pair_for(personas, file, cadre=personas[outsider].user)
        assert caught.value.field == "cadre"
    made = pair_for(personas, file, cadre=personas["parent"].user)
    assert made.cadre_name


def test_it_refuses_a_pair_dated_before_the_file_or_in_the_future(dibao, tree, personas):
    file = filed_file(personas, tree)

    with pytest.raises(DomainError, match="不能早于建档日期"):
        pair_for(personas, file, started_on=D(2025, 10, 1))
    with pytest.raises(DomainError, match="不能晚于今天"):
        pair_for(personas, file, started_on=D(2999, 1, 1))


def test_it_ends_a_pair_once_with_a_reason_and_logs_no_visit_after(dibao, tree, personas):
    owner = personas["owner"].access
    pair = pair_for(personas, filed_file(personas, tree))

    with pytest.raises(DomainError, match="请填写结束原因"):
        services.pair_end(actor=owner, pair=pair, ended_on=D(2025, 12, 1), reason=" ")
    with pytest.raises(DomainError, match="不能早于结对日期"):
        services.pair_end(actor=owner, pair=pair, ended_on=D(2025, 10, 1), reason="脱困")
    services.pair_end(actor=owner, pair=pair, ended_on=D(2025, 12, 1), reason="已解困脱困")
    with pytest.raises(DomainError, match="已于2025-12-01结束"):
        services.pair_end(actor=owner, pair=pair, ended_on=D(2025, 12, 2), reason="再次")
    with pytest.raises(DomainError, match="已于2025-12-01结束"):
        services.visit_log(
            actor=owner, pair=pair, visited_on=D(2025, 12, 2), visitors="张", found="好转"
        )

    pair.refresh_from_db()
    assert (pair.ended_on, pair.end_reason) == (D(2025, 12, 1), "已解困脱困")


def test_it_logs_visits_and_their_follow_up(dibao, tree, personas):
    owner = personas["owner"].access
    pair = pair_for(personas, filed_file(personas, tree))

    with pytest.raises(DomainError, match="不能早于结对日期"):
        services.visit_log(
            actor=owner, pair=pair, visited_on=D(2025, 10, 1), visitors="张", found="x"
        )
    with pytest.raises(DomainError, match="需要跟进时请填写后续措施"):
        services.visit_log(
            actor=owner,
            pair=pair,
            visited_on=D(2025, 10, 21),
            visitors="张",
            found="孩子学费无着",
            follow_up_needed=True,
        )
    quiet = services.visit_log(
        actor=owner, pair=pair, visited_on=D(2025, 10, 21), visitors="张", found="情况稳定"
    )
    visit = services.visit_log(
        actor=owner,
        pair=pair,
        visited_on=D(2025, 10, 22),
        visitors="张干部、李干部",
        found="孩子学费无着",
        follow_up="申请金秋助学",
        follow_up_needed=True,
    )
    with pytest.raises(DomainError, match="无需跟进"):
        services.visit_follow_up_done(actor=owner, visit=quiet, done_on=D(2025, 11, 1), result="x")
    with pytest.raises(DomainError, match="不能早于走访日期"):
        services.visit_follow_up_done(actor=owner, visit=visit, done_on=D(2025, 10, 1), result="x")
    services.visit_follow_up_done(actor=owner, visit=visit, done_on=D(2025, 11, 1), result="已助学")
    with pytest.raises(DomainError, match="已于2025-11-01完成"):
        services.visit_follow_up_done(actor=owner, visit=visit, done_on=D(2025, 11, 2), result="x")

    assert list(pair.visits.values_list("visited_on", "follow_up_done_on")) == [
        (D(2025, 10, 22), D(2025, 11, 1)),
        (D(2025, 10, 21), None),
    ]


def test_it_hides_centres_pairs_and_visits_from_an_outsider_and_refuses_their_changes(
    dibao, tree, personas
):
    owner, sibling = personas["owner"].access, personas["sibling"].access
    station = centre(owner, tree.union_a)
    pair = pair_for(personas, filed_file(personas, tree))
    visit = services.visit_log(
        actor=owner, pair=pair, visited_on=D(2025, 10, 21), visitors="张", found="x"
    )

    for get, row in (
        (selectors.get_centre_for, station),
        (selectors.get_pair_for, pair),
        (selectors.get_visit_for, visit),
    ):
        with pytest.raises(Http404):
            get(sibling, row.pk)
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        services.centre_update(actor=sibling, centre=station, name="改名")
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        services.pair_end(actor=sibling, pair=pair, ended_on=D(2025, 11, 1), reason="x")
    with pytest.raises(DomainError, match="不在您的管辖范围内"):
        services.visit_log(
            actor=sibling, pair=pair, visited_on=D(2025, 11, 1), visitors="x", found="x"
        )
    station.refresh_from_db()
    pair.refresh_from_db()
    assert station.name.endswith("帮扶站点") and pair.is_open
    assert PairVisit.objects.count() == 1


@pg_only
@pytest.mark.django_db(transaction=True)
def test_it_opens_one_pair_when_the_same_pair_is_saved_at_once(dibao, tree, personas):
    file = filed_file(personas, tree)

    results = at_once(10, lambda i: pair_for(personas, file))

    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 9
    assert all(isinstance(r, DomainError) for r in refused), refused
    assert AssistancePair.objects.filter(file=file, ended_on__isnull=True).count() == 1
