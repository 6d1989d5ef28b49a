"""People (职工/会员) and their memberships, with full history of transfers and leaving."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from gonghui.core.constraints import filled_exactly_when, not_before, unique
from gonghui.core.encrypted import EncryptedField
from gonghui.core.fields import link
from gonghui.core.scoping import ScopeRule
from gonghui.core.validators import mask_id_number, mask_phone, normalize_mobile


class Gender(models.TextChoices):
    MALE = "M", "男"
    FEMALE = "F", "女"


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", "研究生"
    BACHELOR = "bachelor", "大学本科"
    COLLEGE = "college", "大学专科"
    SECONDARY = "secondary", "中专/高中"
    JUNIOR = "junior", "初中及以下"


class Person(models.Model):
    """A worker. The 身份证号 is stored encrypted; ``id_index`` is its HMAC blind index."""

    name = models.CharField("姓名", max_length=50)
    name_initials = models.CharField("姓名拼音首字母", max_length=50, db_index=True, blank=True)
    # Columns id_cipher, id_index (unique blind index) and id_masked; reading the plain number
    # for display goes through members.selectors.reveal_id_number (audited).
    id_number = EncryptedField(
        "身份证号", prefix="id", index="unique", mask=mask_id_number, mask_length=18
    )
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    birth_date = models.DateField("出生日期")
    # Columns phone_cipher, phone_index (blind index, exact search) and phone_masked; pages,
    # exports and the API show it through core.encrypted.shown (plain only with VIEW_PII).
    phone = EncryptedField(
        "手机号",
        index=True,
        mask=mask_phone,
        mask_length=11,
        blank=True,
        normalize=normalize_mobile,
    )
    education = models.CharField("学历", max_length=16, choices=Education.choices, blank=True)
    is_migrant_worker = models.BooleanField("农民工", default=False)
    is_new_form = models.BooleanField("新就业形态", default=False)
    employer = link("orgs.Enterprise", "工作单位", optional=True, related_name="people")
    # The union of the person's latest membership, kept by the membership services so that
    # scoping a person is one indexed join; a person who left stays with the union they left.
    current_union = link("orgs.OrgUnit", "所在工会", optional=True)
    user = link(
        settings.AUTH_USER_MODEL,
        "职工账号",
        optional=True,
        one=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_rule = ScopeRule(units=("current_union",), owner="user")

    class Meta:
        verbose_name = "职工"

    def __str__(self) -> str:
        return self.name

    def set_id_number(self, number: str) -> None:
        """Kept for callers that fill a stand-in object (the roster's raw bulk insert)."""
        for attr, stored in Person.id_number.columns_for(number).items():
            setattr(self, attr, stored)


class MembershipStatus(models.TextChoices):
    ACTIVE = "active", "在册"
    TRANSFERRED = "transferred", "已转出"
    LEFT = "left", "已退会"


class Membership(models.Model):
    person = link(Person, "会员", related_name="memberships")
    union = link("orgs.OrgUnit", "工会", related_name="memberships")
    joined_on = models.DateField("入会日期")
    card_number = models.CharField("会员证号", max_length=40, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=MembershipStatus.choices, default=MembershipStatus.ACTIVE
    )
    ended_on = models.DateField("转出/退会日期", null=True, blank=True)
    end_reason = models.CharField("转出/退会原因", max_length=200, blank=True)
    previous = link("self", "转自", optional=True, one=True, related_name="next")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_rule = ScopeRule(units=("union",), owner="person__user")

    class Meta:
        verbose_name = "会籍"
        constraints = [
            unique(
                ["person"],
                "membership_one_active_per_person",
                "该职工已有在册会籍，请先办理转出或退会",
                condition=Q(status="active"),
            ),
            unique(
                ["union", "card_number"],
                "membership_card_unique_in_union",
                "会员证号在本工会内已被使用",
                condition=~Q(card_number=""),
            ),
            not_before(
                "ended_on",
                "joined_on",
                "membership_ends_after_joining",
                "转出/退会日期不能早于入会日期",
            ),
            filled_exactly_when(
                "ended_on",
                {"status": "active"},
                "membership_ended_iff_inactive",
                "在册会籍不能有转出日期；转出或退会必须填写日期",
                filled=False,
            ),
        ]
        indexes = [models.Index(fields=["union", "status"])]

    def __str__(self) -> str:
        return f"{self.person} @ {self.union}"
