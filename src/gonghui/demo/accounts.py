"""Demo logins: one account per role, at fixed org unit codes of the demo tree."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password

from gonghui.accounts.models import RoleAssignment, User
from gonghui.core.roles import DEFAULT_SCOPE, Role
from gonghui.members.models import MembershipStatus, Person
from gonghui.orgs.models import OrgUnit

DEFAULT_PASSWORD = "Gonghui@2026"


@dataclass(frozen=True)
class AccountSpec:
    username: str
    role: str
    unit_code: str
    full_name: str = ""  # workers take the name of their Person record
    extra: tuple[tuple[str, str], ...] = ()  # further (role, unit code) assignments


def account_specs(root_code: str, district_code: str) -> list[AccountSpec]:
    """The demo accounts. ``district_code`` is the root itself unless the root is a city."""
    street, other_street = f"{district_code}-S01", f"{district_code}-S02"
    union_a, union_b = f"{street}-G001", f"{street}-G002"
    specs = []
    if root_code != district_code:
        specs.append(AccountSpec("city_admin", Role.FEDERATION_ADMIN, root_code, "黄志强"))
    specs += [
        AccountSpec(
            "district_admin",
            Role.FEDERATION_ADMIN,
            district_code,
            "周立新",
            extra=((Role.OBSERVER, other_street),),
        ),
        AccountSpec("street_admin", Role.FEDERATION_ADMIN, street, "陈晓燕"),
        AccountSpec("union_admin_a", Role.GRASSROOTS_ADMIN, union_a, "李卫东"),
        AccountSpec("union_admin_b", Role.GRASSROOTS_ADMIN, union_b, "张丽华"),
        AccountSpec("auditor", Role.AUDIT_ADMIN, root_code, "吴敏"),
        AccountSpec("sysadmin", Role.SYSTEM_ADMIN, root_code, "郑浩"),
        AccountSpec("secadmin", Role.SECURITY_ADMIN, root_code, "孙磊"),
        AccountSpec("observer", Role.OBSERVER, district_code, "刘洋"),
        AccountSpec("reviewer", Role.REVIEWER, district_code, "赵静"),
        AccountSpec("worker_a", Role.WORKER, union_a),
        AccountSpec("worker_b", Role.WORKER, union_b),
    ]
    return specs


def _link_worker(user: User, union: OrgUnit) -> None:
    """Give a worker account a Person record: an active member of the union without an account."""
    person = Person.objects.filter(user=user).first()
    if person is None:
        person = (
            Person.objects.filter(
                current_union=union,
                user__isnull=True,
                memberships__union=union,
                memberships__status=MembershipStatus.ACTIVE,
            )
            .order_by("pk")
            .first()
        )
        if person is None:
            return
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    if user.full_name != person.name:
        user.full_name = person.name
        user.save(update_fields=["full_name"])


def ensure_accounts(specs: list[AccountSpec], *, password: str, reset: bool) -> list[dict]:
    """Create missing accounts and assignments; (re)set passwords of new ones, or all if reset.

    The Argon2 hash is computed once and shared: hashing is deliberately slow.
    """
    codes = {spec.unit_code for spec in specs} | {c for s in specs for _, c in s.extra}
    units = {unit.code: unit for unit in OrgUnit.objects.filter(code__in=codes)}
    hashed = make_password(password)
    # In production every demo account changes its password at first login, whatever
    # GONGHUI_FORCE_INITIAL_PASSWORD_CHANGE says: the demo password is shared or published.
    must_change = settings.GONGHUI_FORCE_INITIAL_PASSWORD_CHANGE or not settings.DEBUG
    rows = []
    for spec in specs:
        unit = units.get(spec.unit_code)
        if unit is None:
            continue
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            user = User.objects.create(
                username=spec.username,
                full_name=spec.full_name,
                password=hashed,
                must_change_password=must_change,
                home_unit=unit,
            )
        else:
            if reset:
                user.password = hashed
                user.must_change_password = must_change
            if user.home_unit_id is None:
                user.home_unit = unit
            user.save(update_fields=["password", "must_change_password", "home_unit"])
        for role, code in ((spec.role, spec.unit_code), *spec.extra):
            if code in units:
                RoleAssignment.objects.get_or_create(
                    user=user,
                    org_unit=units[code],
                    role=role,
                    defaults={"data_scope": DEFAULT_SCOPE[role]},
                )
        if spec.role == Role.WORKER:
            _link_worker(user, unit)
        rows.append(
            {
                "username": spec.username,
                "role": str(spec.role),
                "role_label": Role(spec.role).label,
                "org_unit_code": unit.code,
                "org_unit_name": unit.name,
                "full_name": user.full_name,
            }
        )
    return rows
