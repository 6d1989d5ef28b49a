"""factory-boy factories for every model; valid Chinese identifiers are generated, not fixed."""

from __future__ import annotations

import datetime as dt
import random

import factory
from factory.django import DjangoModelFactory

from gonghui.accounts.models import RoleAssignment, User
from gonghui.core.models import Parameter
from gonghui.core.parameters import get_spec
from gonghui.core.roles import DEFAULT_SCOPE, Role
from gonghui.core.validators import credit_check_char, id_check_char, org_code_check_char
from gonghui.members.models import Membership, Person
from gonghui.orgs.choices import Industry, OrgKind, Ownership
from gonghui.orgs.models import Enterprise, OrgUnit

_rng = random.Random(20261121)


def make_id_number(*, birth: dt.date | None = None, female: bool | None = None) -> str:
    # Born 1965–1999: of working age (劳动法 art. 15) on every join date the tests use.
    birth = birth or dt.date(1965, 1, 1) + dt.timedelta(days=_rng.randrange(0, 365 * 35))
    seq = _rng.randrange(0, 999)
    if female is not None:
        seq = seq - seq % 2 + (0 if female else 1)
        seq = min(seq, 999 if not female else 998)
    first17 = f"110105{birth:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def make_credit_code() -> str:
    """A structurally valid GB 32100 code: 9 工商 / 1 企业, region 110105, a GB 11714 org code."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "".join(_rng.choice(alphabet) for _ in range(8))
    first17 = "91" + "110105" + body + org_code_check_char(body)
    return first17 + credit_check_char(first17)


def make_mobile() -> str:
    return f"1{_rng.choice('3456789')}{_rng.randrange(10**8, 10**9)}"


class OrgUnitFactory(DjangoModelFactory):
    """Creates a root by default; pass ``parent=`` to add a child through treebeard."""

    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"测试工会{n}")
    code = factory.Sequence(lambda n: f"T{n:06d}")
    kind = OrgKind.DISTRICT_FEDERATION

    @classmethod
    def _create(cls, model_class, *args, parent: OrgUnit | None = None, **kwargs):
        if parent is None:
            return model_class.objects.add_root(kwargs)
        parent.refresh_from_db()
        return model_class.objects.add_child(parent, kwargs)


class EnterpriseFactory(DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    credit_code = factory.LazyFunction(make_credit_code)
    ownership = Ownership.PRIVATE
    industry = Industry.C
    region = factory.SubFactory(OrgUnitFactory, kind=OrgKind.STREET_FEDERATION)
    union = None
    employees_total = 100
    employees_women = 40
    employees_migrant = 30


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: ["张三", "李四", "王五", "赵六", "陈晓明"][n % 5])
    id_number = factory.LazyFunction(make_id_number)
    gender = factory.LazyAttribute(lambda o: "M" if int(o.id_number[16]) % 2 else "F")
    birth_date = factory.LazyAttribute(
        lambda o: dt.date(int(o.id_number[6:10]), int(o.id_number[10:12]), int(o.id_number[12:14]))
    )
    phone = factory.LazyFunction(make_mobile)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        from pypinyin import Style, lazy_pinyin

        number = kwargs.pop("id_number")
        person = model_class(**kwargs)
        person.set_id_number(number)
        if not person.name_initials:
            person.name_initials = "".join(lazy_pinyin(person.name, style=Style.FIRST_LETTER))
        person.save()
        return person


class MembershipFactory(DjangoModelFactory):
    """An active membership; keeps Person.current_union in step as the services do."""

    class Meta:
        model = Membership

    person = factory.SubFactory(PersonFactory)
    union = factory.SubFactory(OrgUnitFactory, kind=OrgKind.GRASSROOTS)
    joined_on = dt.date(2020, 5, 1)
    card_number = factory.Sequence(lambda n: f"C{n:08d}")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        membership = super()._create(model_class, *args, **kwargs)
        Person.objects.filter(pk=membership.person_id).update(current_union=membership.union)
        membership.person.current_union = membership.union
        return membership


PASSWORD = "Gonghui#2026"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    org_unit = factory.SubFactory(OrgUnitFactory)
    role = Role.FEDERATION_ADMIN
    data_scope = factory.LazyAttribute(lambda o: DEFAULT_SCOPE[o.role])


class ParameterFactory(DjangoModelFactory):
    """A parameter row (core.models.Parameter); pass key, value and optionally org_unit."""

    class Meta:
        model = Parameter

    key = "mediation_limit_days"
    org_unit = None
    valid_from = dt.date(2000, 1, 1)
    valid_to = None
    value = 15
    note = "测试用文件"
    kind = factory.LazyAttribute(lambda o: get_spec(o.key).kind)
    unit_label = factory.LazyAttribute(lambda o: get_spec(o.key).unit_label)
