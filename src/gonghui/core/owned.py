"""OwnedRecord: the abstract base of every work-line record that belongs to an org unit.

A subclass declares where its rows hang off the org tree instead of spelling out a ScopeRule::

    class Inspection(OwnedRecord):
        owner_unit = "org_unit"                    # lookup to the owning OrgUnit
        also_visible_to = ("enterprise__region",)  # optional further unit lookups
        owner_user = "reporter__user"              # optional: who sees it under 仅本人

and gets ``scope_rule`` built from that, plus created_at / updated_at / created_by. The column
names are the ones the apps already used, so porting a model changes no existing column.
A subclass may still set ``scope_rule`` itself when the rule is not of this shape.
"""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from gonghui.core.fields import user_link
from gonghui.core.scoping import ScopeRule


class OwnedRecord(models.Model):
    owner_unit: ClassVar[str | None] = None
    also_visible_to: ClassVar[tuple[str, ...]] = ()
    owner_user: ClassVar[str | None] = None

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    created_by = user_link("创建人")

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "scope_rule" in cls.__dict__ or cls.owner_unit is None:
            return  # an explicit rule wins; abstract intermediates may leave the owner open
        cls.scope_rule = ScopeRule(
            units=(cls.owner_unit, *cls.also_visible_to), owner=cls.owner_user
        )
