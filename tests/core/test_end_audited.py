"""Ending a record (撤销, 停用, 停止运行) re-reads it under a row lock: a stale copy in memory can
neither end it twice nor slip past what must be settled first."""

from __future__ import annotations

import pytest

from gonghui.core.errors import DomainError
from gonghui.core.models import AuditEntry
from gonghui.orgs import services
from gonghui.orgs.choices import EnterpriseStatus
from gonghui.orgs.models import Enterprise

pytestmark = pytest.mark.django_db


def test_it_refuses_to_end_twice_from_a_stale_copy(tree, personas):
    access = personas["owner"].access
    stale = Enterprise.objects.get(pk=tree.enterprise_a.pk)
    services.enterprise_deactivate(actor=access, enterprise=tree.enterprise_a, reason="注销")

    assert stale.status == EnterpriseStatus.ACTIVE  # what a second cadre's page still shows
    with pytest.raises(DomainError, match="该单位已停用"):
        services.enterprise_deactivate(actor=access, enterprise=stale, reason="再次")
    assert AuditEntry.objects.filter(action="orgs.enterprise.deactivated").count() == 1


def test_it_records_the_reason_and_the_status_change(tree, personas):
    services.enterprise_deactivate(
        actor=personas["owner"].access, enterprise=tree.enterprise_a, reason="  企业注销 "
    )

    entry = AuditEntry.objects.get(action="orgs.enterprise.deactivated")
    assert entry.changes == {
        "status": [EnterpriseStatus.ACTIVE, EnterpriseStatus.INACTIVE],
        "reason": "企业注销",
    }
    assert entry.org_unit == tree.enterprise_a.region
