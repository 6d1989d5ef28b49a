"""Helpers for the democracy tests: a congress of union_a over enterprise_a, made through the
services (so the derived fields are what the app computes)."""

from __future__ import annotations

import datetime as dt

import pytest

from gonghui.democracy import services, services_sessions
from gonghui.democracy.choices import CongressForm, CongressScope

TODAY = dt.date(2025, 11, 20)


def make_congress(actor, *, unit, enterprises, total=30, managers=5, frontline=20, **kw):
    fields = {
        "org_unit": unit,
        "scope": CongressScope.SINGLE if len(enterprises) == 1 else CongressScope.REGIONAL,
        "form": CongressForm.REPRESENTATIVE,
        "established_on": dt.date(2023, 3, 1),
        "term_years": 3,
        "representatives_total": total,
        "frontline_count": frontline,
        "managers_count": managers,
        "women_count": kw.pop("women", 10),
        **kw,
    }
    congress, _warnings = services.congress_create(actor=actor, enterprises=enterprises, **fields)
    return congress


def make_session(actor, congress, *, present, held_on=dt.date(2025, 6, 10), **kw):
    kw.setdefault("today", TODAY)
    return services_sessions.session_create(
        actor=actor, congress=congress, held_on=held_on, present=present, **kw
    )


@pytest.fixture
def congress(tree, personas):
    return make_congress(
        personas["owner"].access, unit=tree.union_a, enterprises=[tree.enterprise_a]
    )


@pytest.fixture
def session(congress, personas):
    return make_session(
        personas["owner"].access,
        congress,
        present=25,
        resolutions=[{"title": "关于年度工作报告的决议", "votes_for": 22}],
        evaluations=[{"cadre_name": "王经理", "satisfied": 20, "basically": 4, "unsatisfied": 1}],
    )
