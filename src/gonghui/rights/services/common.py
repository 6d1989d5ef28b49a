"""Helpers shared by the rights services."""

from __future__ import annotations

from typing import Any

from django.db import models

from gonghui.core import inputs
from gonghui.core.access import Access
from gonghui.core.errors import DomainError


def own_person(access: Access):
    """The Person record of the acting worker's account, or a Chinese error. SYSTEM and the
    anonymous have no account, hence no record (and must not match persons without one)."""
    from gonghui.members.models import Person

    if access.user is None:
        raise DomainError("请使用职工本人的账号登录后提交")
    person = (
        Person.objects.filter(user=access.user).select_related("current_union", "employer").first()
    )
    if person is None:
        raise DomainError("您的账号尚未关联职工档案，请联系所在工会")
    if person.current_union_id is None:
        raise DomainError("您尚未加入工会，暂不能在网上提交，请拨打12351热线")
    return person


def in_subtree(unit, root) -> bool:
    return unit is not None and root is not None and unit.path.startswith(root.path)


def save_clean(obj: models.Model) -> models.Model:
    """Validate fields and constraints (Chinese messages), then save."""
    obj.full_clean()
    obj.save()
    return obj


def unit_of_enterprise(enterprise):
    """The unit responsible for an enterprise's records: its union, else its 属地 unit."""
    return enterprise.union if enterprise.union_id else enterprise.region


# The input checks are core's (core.inputs), under the names the rights services use.
require_date = inputs.date
optional_date = inputs.optional_date
require_choice = inputs.choice


def require_text(value: Any, *, message: str, field: str) -> str:
    """A text that must not be empty (stripped); a non-text value is refused alike."""
    if not isinstance(value, str) or not value.strip():
        raise DomainError(message, field=field)
    return value.strip()


def positive_count(value: Any, *, label: str, field: str, maximum: int | None = None) -> int:
    """A whole number ≥ 1 (and ≤ ``maximum``): “<label>至少为1” / “<label>不能超过N”."""
    return inputs.count(value, label=label, field=field, minimum=1, maximum=maximum)
