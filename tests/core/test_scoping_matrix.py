"""The scoping matrix: every scoped model, read through the one mechanism, by every persona.

Each row says which of the fixture's objects a persona may see; everything else must be
invisible (and so a 404 through get_scoped_or_404).
"""

import pytest
from django.http import Http404

from gonghui.accounts.models import LoginLog, RoleAssignment, User
from gonghui.core.access import ANONYMOUS
from gonghui.core.audit import log_action
from gonghui.core.models import AuditEntry
from gonghui.core.scoping import get_scoped_or_404, scoped
from gonghui.members.models import Membership, Person
from gonghui.orgs.models import Enterprise, OrgUnit


@pytest.fixture
def world(tree, personas):
    """Objects of each model in union_a and union_b (and above)."""
    audit_a = log_action(actor=personas["owner"].access, action="t.a", org_unit=tree.union_a)
    audit_b = log_action(actor=personas["sibling"].access, action="t.b", org_unit=tree.union_b)
    login_a = LoginLog.objects.create(
        username="owner", user=personas["owner"].user, event="success"
    )
    login_b = LoginLog.objects.create(
        username="sibling", user=personas["sibling"].user, event="success"
    )
    return {
        OrgUnit: ({tree.union_a}, {tree.union_b}),
        Enterprise: ({tree.enterprise_a}, {tree.enterprise_b}),
        Person: ({tree.member_a.person}, {tree.member_b.person}),
        Membership: ({tree.member_a}, {tree.member_b}),
        AuditEntry: ({audit_a}, {audit_b}),
        LoginLog: ({login_a}, {login_b}),
        RoleAssignment: (
            set(RoleAssignment.objects.filter(org_unit=tree.union_a)),
            set(RoleAssignment.objects.filter(org_unit=tree.union_b)),
        ),
        User: ({personas["owner"].user}, {personas["sibling"].user}),
    }


MODELS = [
    OrgUnit,
    Enterprise,
    Person,
    Membership,
    AuditEntry,
    LoginLog,
    RoleAssignment,
    User,
]
# Models a worker owns rows of (仅本人).
OWNED = {Person, Membership, RoleAssignment, User}


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_it_scopes_every_model_for_every_persona(model, world, personas):
    in_a, in_b = world[model]

    def visible(persona):
        return set(scoped(personas[persona].access, model.objects.all()).distinct())

    # Owner (union_a) sees union_a's rows and none of union_b's.
    assert in_a <= visible("owner") and not (in_b & visible("owner"))
    # Sibling is the mirror image.
    assert in_b <= visible("sibling") and not (in_a & visible("sibling"))
    # The parent federation sees both.
    assert (in_a | in_b) <= visible("parent")
    # A worker sees only what they own.
    worker_rows = visible("worker")
    if model in OWNED:
        assert worker_rows and all(_owned_by(row, personas["worker"].user) for row in worker_rows)
    else:
        assert worker_rows == set()
    # Anonymous sees nothing at all.
    assert not scoped(ANONYMOUS, model.objects.all()).exists()


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_it_answers_404_for_a_record_outside_the_scope(model, world, personas):
    _, in_b = world[model]
    outsider = personas["owner"].access
    for obj in in_b:
        with pytest.raises(Http404):
            get_scoped_or_404(outsider, model.objects.all(), pk=obj.pk)
        assert get_scoped_or_404(personas["parent"].access, model.objects.all(), pk=obj.pk) == obj


def _owned_by(row, user) -> bool:
    if isinstance(row, User):
        return row == user
    if isinstance(row, Person):
        return row.user_id == user.pk
    if isinstance(row, Membership):
        return row.person.user_id == user.pk
    return row.user_id == user.pk
