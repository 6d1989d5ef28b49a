"""What the assistance forms share: the unions a record may belong to and the form of a record
whose union is chosen when it is created."""

from __future__ import annotations

from gonghui.core.forms import Form
from gonghui.orgs.choices import OrgKind, OrgStatus
from gonghui.orgs.forms import UnitChoiceField
from gonghui.orgs.models import OrgUnit
from gonghui.orgs.selectors import orgunits_for


def serving_units_for(access):
    """The active unions in scope a service record may belong to (no 工会组织群)."""
    return (
        orgunits_for(access)
        .filter(status=OrgStatus.ACTIVE)
        .exclude(kind=OrgKind.GROUP)
        .order_by("path")
    )


class UnitOnCreateForm(Form):
    """The form of a record owned by a union (a centre, a training, a fair): the union is chosen
    on create only, among ``serving_units_for`` (the acting unit first); editing starts from the
    ``record`` and keeps its union."""

    org_unit = UnitChoiceField(label="所属工会", queryset=OrgUnit.objects.none())

    def __init__(self, *args, access, record=None, **kwargs):
        if record is not None:
            kwargs.setdefault("initial", self.initial_of(record))
        super().__init__(*args, **kwargs)
        if record is not None:
            del self.fields["org_unit"]
            return
        self.fields["org_unit"].queryset = serving_units_for(access)
        if access.unit is not None:
            self.fields["org_unit"].initial = access.unit.pk
