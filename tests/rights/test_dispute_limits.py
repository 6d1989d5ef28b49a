"""Mediation and arbitration limits of a labour dispute, counted as 民法典 arts. 201/203 count
(the day of acceptance is not counted; a last day on a holiday or rest day moves to the first
working day after it):

- 劳动争议调解仲裁法 art. 14: mediation ends within 15 days of acceptance; both parties may
  agree to extend it (recorded: date of agreement, new due date; audited; only while open);
- art. 43: the award within 45 days of the arbitration committee's acceptance, extendable with
  approval by up to 15 days; overdue without an award by then."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.rights import services
from gonghui.rights.choices import ClaimType, Outcome, Stage
from gonghui.rights.deadlines import arbitration_period, mediation_period
from tests.api.conftest import API, post
from tests.factories import ParameterFactory

D = dt.date
DISPUTES = f"{API}/rights/disputes/"


@pytest.fixture
def today(monkeypatch):
    def set_today(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)

    return set_today


def accept(personas, committee, on: dt.date):
    return services.dispute_create(
        actor=personas["owner"].access,
        committee=committee,
        worker_names="张三",
        claim_type=ClaimType.WAGES,
        accepted_on=on,
    )


@pytest.mark.parametrize(
    ("accepted", "due"),
    [
        # 15 days from Sun 1 Mar 2026: the 15th day, Mon 16 Mar, is the last.
        (D(2026, 3, 1), D(2026, 3, 16)),
        # 国庆 2026: the 15th day (Thu 1 Oct) is a holiday → Thu 8 Oct, first working day.
        (D(2026, 9, 16), D(2026, 10, 8)),
        # 春节 2026: the 15th day (Sun 15 Feb) opens the holiday (15–23 Feb) → Tue 24 Feb.
        (D(2026, 1, 31), D(2026, 2, 24)),
    ],
)
def test_it_counts_the_art_14_mediation_limit_as_the_civil_code_does(db, accepted, due):
    limit = mediation_period(accepted)
    assert (limit.end, limit.limit_label) == (due, "15日")


def test_mediation_is_overdue_on_the_16th_day_not_the_15th(personas, committee):
    """art. 14: accepted 1 Mar 2026, due 16 Mar 2026 (the 15th day); overdue from 17 Mar."""
    case = accept(personas, committee, D(2026, 3, 1))
    assert (case.mediation_due, case.mediation_limit_days) == (D(2026, 3, 16), 15)
    assert not case.mediation_overdue(today=D(2026, 3, 16))
    assert case.mediation_overdue(today=D(2026, 3, 17))
    page = personas["owner"].client().get(f"/rights/disputes/{case.pk}/").content.decode()
    assert "2026-03-16（15日）" in page


def test_the_page_shows_the_configured_limit_used(personas, committee):
    ParameterFactory(key="mediation_limit_days", value=20)
    case = accept(personas, committee, D(2026, 3, 1))
    assert (case.mediation_due, case.mediation_limit_days) == (D(2026, 3, 23), 20)  # Sat 21 →
    page = personas["owner"].client().get(f"/rights/disputes/{case.pk}/").content.decode()
    assert "2026-03-23（20日）" in page and "15 日" not in page


def test_both_parties_extend_mediation_by_agreement(personas, committee, today):
    today(D(2026, 3, 12))
    case = accept(personas, committee, D(2026, 3, 1))
    services.dispute_extend_mediation(
        actor=personas["owner"].access,
        case=case,
        agreed_on=D(2026, 3, 12),
        new_due=D(2026, 3, 31),
        note="双方同意继续调解",
    )
    case.refresh_from_db()
    assert case.mediation_due == D(2026, 3, 31)
    assert (case.mediation_extended_on, case.mediation_original_due) == (
        D(2026, 3, 12),
        D(2026, 3, 16),
    )
    assert not case.mediation_overdue(today=D(2026, 3, 31))
    assert case.mediation_overdue(today=D(2026, 4, 1))
    entry = AuditEntry.objects.get(action="rights.dispute.mediation_extended")
    assert entry.changes["mediation_due"] == ["2026-03-16", "2026-03-31"]
    page = personas["owner"].client().get(f"/rights/disputes/{case.pk}/").content.decode()
    assert "经双方协议延长" in page and "2026-03-31" in page and "原期限 2026-03-16" in page
    # An edit of the acceptance date moves the statutory date, not the agreed one.
    services.dispute_update(actor=personas["owner"].access, case=case, accepted_on=D(2026, 3, 2))
    case.refresh_from_db()
    assert (case.mediation_due, case.mediation_original_due) == (D(2026, 3, 31), D(2026, 3, 17))


@pytest.mark.parametrize(
    ("agreed_on", "new_due", "field"),
    [
        (None, D(2026, 3, 31), "agreed_on"),
        (D(2026, 3, 12), None, "new_due"),
        (D(2026, 2, 27), D(2026, 3, 31), "agreed_on"),
        (D(2026, 3, 12), D(2026, 3, 16), "new_due"),
    ],
)
def test_it_refuses_a_bad_extension_on_its_field(
    personas, committee, today, agreed_on, new_due, field
):
    today(D(2026, 3, 12))
    case = accept(personas, committee, D(2026, 3, 1))
    with pytest.raises(DomainError) as caught:
        services.dispute_extend_mediation(
            actor=personas["owner"].access, case=case, agreed_on=agreed_on, new_due=new_due
        )
    assert caught.value.field == field


def test_a_closed_case_cannot_be_extended(personas, committee, today):
    today(D(2026, 3, 12))
    case = accept(personas, committee, D(2026, 3, 1))
    services.dispute_close(
        actor=personas["owner"].access,
        case=case,
        outcome=Outcome.SUCCESS,
        closed_on=D(2026, 3, 10),
    )
    with pytest.raises(DomainError, match="已结案"):
        services.dispute_extend_mediation(
            actor=personas["owner"].access,
            case=case,
            agreed_on=D(2026, 3, 12),
            new_due=D(2026, 3, 31),
        )


@pytest.mark.parametrize(
    ("accepted", "extension", "due"),
    [
        # 45 days from Fri 20 Mar 2026 end on Mon 4 May, inside 劳动节 (1–5 May) → Wed 6 May.
        (D(2026, 3, 20), 0, D(2026, 5, 6)),
        # extended by 15 days: 60 days → Tue 19 May 2026.
        (D(2026, 3, 20), 15, D(2026, 5, 19)),
        # 国庆 2026: the 45th day (Thu 1 Oct) is a holiday → Thu 8 Oct.
        (D(2026, 8, 17), 0, D(2026, 10, 8)),
    ],
)
def test_it_counts_the_art_43_award_limit(db, accepted, extension, due):
    assert arbitration_period(accepted, extension=extension).end == due


def _failed_to_arbitration(personas, committee, today):
    today(D(2026, 3, 20))
    case = accept(personas, committee, D(2026, 3, 1))
    services.dispute_advance(
        actor=personas["owner"].access, case=case, stage=Stage.ARBITRATION, on=D(2026, 3, 17)
    )
    return case


def test_a_failed_mediation_tracks_the_arbitration_limits(personas, committee, today):
    """art. 43: accepted by the committee on 20 Mar 2026 → award due 6 May 2026; extended by
    the 15 days allowed with approval on 30 Apr → 19 May; an award on 20 May is late."""
    case = _failed_to_arbitration(personas, committee, today)
    actor = personas["owner"].access
    with pytest.raises(DomainError, match="登记仲裁委员会受理"):
        services.dispute_record_award(actor=actor, case=case, award_on=D(2026, 3, 20))
    services.dispute_record_arbitration(actor=actor, case=case, accepted_on=D(2026, 3, 20))
    assert (case.arbitration_due, case.arbitration_limit_days) == (D(2026, 5, 6), 45)
    assert not case.arbitration_overdue(today=D(2026, 5, 6))
    assert case.arbitration_overdue(today=D(2026, 5, 7))

    today(D(2026, 4, 30))
    with pytest.raises(DomainError) as caught:
        services.dispute_extend_arbitration(
            actor=actor, case=case, approved_on=D(2026, 4, 30), days=16
        )
    assert caught.value.field == "days" and "15" in caught.value.message
    with pytest.raises(DomainError) as caught:
        services.dispute_extend_arbitration(
            actor=actor, case=case, approved_on=D(2026, 4, 30), days=0
        )
    assert caught.value.field == "days"
    services.dispute_extend_arbitration(actor=actor, case=case, approved_on=D(2026, 4, 30), days=15)
    assert case.arbitration_due == D(2026, 5, 19)
    with pytest.raises(DomainError, match="已延长过"):
        services.dispute_extend_arbitration(
            actor=actor, case=case, approved_on=D(2026, 4, 30), days=1
        )

    today(D(2026, 5, 20))
    owner = personas["owner"].client()
    page = owner.get(f"/rights/disputes/{case.pk}/").content.decode()
    assert "仲裁超期" in page and "2026-05-19（45日，经批准延长15日" in page
    assert (
        str(case.worker_names) in owner.get("/rights/disputes/?arbitration=late").content.decode()
    )
    services.dispute_record_award(actor=actor, case=case, award_on=D(2026, 5, 20))
    assert case.arbitration_overdue()  # awarded after the limit
    body = owner.get(f"{DISPUTES}{case.pk}/").json()
    assert body["award_on"] == "2026-05-20" and body["arbitration_overdue"] is True


def test_an_extension_is_approved_before_the_limit_ends(personas, committee, today):
    case = _failed_to_arbitration(personas, committee, today)
    actor = personas["owner"].access
    services.dispute_record_arbitration(actor=actor, case=case, accepted_on=D(2026, 3, 20))
    today(D(2026, 5, 7))
    with pytest.raises(DomainError) as caught:
        services.dispute_extend_arbitration(
            actor=actor, case=case, approved_on=D(2026, 5, 7), days=10
        )
    assert caught.value.field == "approved_on"


def test_arbitration_is_recorded_only_once_the_case_is_in_arbitration(personas, committee):
    case = accept(personas, committee, D(2026, 3, 1))
    with pytest.raises(DomainError, match="仲裁阶段"):
        services.dispute_record_arbitration(
            actor=personas["owner"].access, case=case, accepted_on=D(2026, 3, 20)
        )


def test_an_award_limit_counted_into_2027_is_provisional(personas, committee, today):
    """45 days from Fri 20 Nov 2026 end on Mon 4 Jan 2027, a year whose holidays are not
    announced yet: the API and the page say 暂定."""
    today(D(2026, 11, 20))
    case = accept(personas, committee, D(2026, 11, 1))
    services.dispute_advance(
        actor=personas["owner"].access, case=case, stage=Stage.ARBITRATION, on=D(2026, 11, 16)
    )
    services.dispute_record_arbitration(
        actor=personas["owner"].access, case=case, accepted_on=D(2026, 11, 20)
    )
    assert case.arbitration_due == D(2027, 1, 4)
    owner = personas["owner"].client()
    body = owner.get(f"{DISPUTES}{case.pk}/").json()
    assert body["arbitration_due_provisional"] is True
    assert body["mediation_due_provisional"] is False
    assert "暂定" in owner.get(f"/rights/disputes/{case.pk}/").content.decode()


def test_the_api_steps_answer_400_naming_the_field(personas, committee, today):
    case = _failed_to_arbitration(personas, committee, today)
    owner = personas["owner"].client()
    response = post(owner, f"{DISPUTES}{case.pk}/arbitration/", {"accepted_on": "2026-03-20"})
    assert response.status_code == 200, response.content
    response = post(
        owner,
        f"{DISPUTES}{case.pk}/extend-arbitration/",
        {"approved_on": "2026-03-25", "days": 20},
    )
    assert response.status_code == 400 and "days" in response.json()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"claim_type": "bribes"}, "claim_type"),
        ({"accepted_on": None}, "accepted_on"),
        ({"stage": "appeal"}, "stage"),
        ({"worker_names": None}, "worker_names"),
    ],
)
def test_dispute_create_refuses_bad_input_on_its_field(personas, committee, changes, field):
    kwargs = {
        "actor": personas["owner"].access,
        "committee": committee,
        "worker_names": "张三",
        "claim_type": ClaimType.WAGES,
        "accepted_on": D(2026, 3, 1),
        **changes,
    }
    with pytest.raises(DomainError) as caught:
        services.dispute_create(**kwargs)
    assert caught.value.field == field


def test_the_case_steps_refuse_unknown_choices_and_missing_dates(personas, dispute):
    actor = personas["owner"].access
    for kwargs, field in [
        ({"stage": "appeal", "on": D(2025, 3, 5)}, "stage"),
        ({"stage": Stage.ARBITRATION, "on": None}, "on"),
    ]:
        with pytest.raises(DomainError) as caught:
            services.dispute_advance(actor=actor, case=dispute, **kwargs)
        assert caught.value.field == field
    for kwargs, field in [
        ({"outcome": "won", "closed_on": D(2025, 3, 5)}, "outcome"),
        ({"outcome": Outcome.SUCCESS, "closed_on": None}, "closed_on"),
        ({"outcome": Outcome.SUCCESS, "closed_on": D(2025, 3, 5), "recovered_amount": "x"}, None),
    ]:
        with pytest.raises(DomainError) as caught:
            services.dispute_close(actor=actor, case=dispute, **kwargs)
        assert caught.value.field in (field, "recovered_amount")
    with pytest.raises(DomainError) as caught:
        services.committee_create(actor=actor, enterprise=None, established_on=D(2020, 1, 1))
    assert caught.value.field == "enterprise"
