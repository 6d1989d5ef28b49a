"""Demo 就业服务 of the demo district (a part of assistance.demo).

Job seekers registered by name (实名制): members of 工会 A and 工会 B and of other unions,
members of households on file, and two people who are neither, by 身份证号. The district
federation runs a 职业技能培训 (some enrolled seekers 结业 with a certificate) and a 春风行动
job fair with its attendance; 工会 A runs a short 岗位技能提升 class still under way. Some
seekers found work, two of them at the fair. Everything goes through the services.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from gonghui.assistance.choices import FileStatus, Relation
from gonghui.assistance.models import FamilyMember, JobSeeker
from gonghui.assistance.models.employment import TrainingKind
from gonghui.assistance.services import placement_record, seeker_register
from gonghui.assistance.services.training import (
    enrolment_add,
    enrolment_complete,
    fair_attend,
    fair_create,
    training_create,
)
from gonghui.core.access import Access
from gonghui.core.errors import DomainError
from gonghui.core.validators import id_check_char
from gonghui.members.models import MembershipStatus, Person

WANTED = ("家政服务", "仓储物流", "保安", "餐饮服务", "电工", "收银员", "网约配送", "月嫂")
OUTSIDERS = (("宋春梅", True), ("韩志刚", False))
JOBS = (
    ("区家政服务有限公司", "家政服务员", "3800"),
    ("顺达物流园", "仓储分拣员", "4500"),
    ("城南物业管理公司", "秩序维护员", "3600"),
    ("惠民连锁超市", "收银员", "3500"),
)


def _id_number(rng: random.Random, *, today: dt.date, female: bool) -> str:
    """A valid 身份证号 (a 湖北 place code, born 25 to 50 years ago, the gender digit right)."""
    born = today.replace(month=1, day=1) - dt.timedelta(days=365 * rng.randint(25, 50))
    born += dt.timedelta(days=rng.randint(0, 360))
    seq = rng.randrange(0, 500) * 2 + (0 if female else 1)
    first17 = f"420106{born:%Y%m%d}{seq:03d}"
    return first17 + id_check_char(first17)


def _unit_of(username: str, district):
    user = get_user_model().objects.filter(username=username).first()
    assignment = user and user.assignments.filter(active=True).first()
    if assignment and assignment.org_unit.path.startswith(district.path):
        return assignment.org_unit
    return None


def _members(district, units) -> list[Person]:
    """Three members of each demo union, then four of other unions of the district."""
    people = []
    active = {"memberships__status": MembershipStatus.ACTIVE}
    for unit in units:
        rows = Person.objects.filter(current_union=unit, user__isnull=True, **active)
        people += list(rows.order_by("pk").distinct()[:3])
    others = Person.objects.filter(current_union__path__startswith=district.path, **active)
    others = others.exclude(current_union__in=units).filter(user__isnull=True)
    people += list(others.order_by("pk").distinct()[:40:10])
    return people


def seekers(*, district, today: dt.date, rng: random.Random, actor: Access) -> list[JobSeeker]:
    units = [u for u in (_unit_of(n, district) for n in ("union_admin_a", "union_admin_b")) if u]
    made = []

    def register(**who) -> None:
        # A member registered twice or a number already taken is skipped.
        with contextlib.suppress(DomainError):
            made.append(
                seeker_register(
                    actor=actor,
                    registered_on=today - dt.timedelta(days=rng.randint(150, 240)),
                    phone=f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
                    wanted_job=rng.choice(WANTED),
                    note="演示数据",
                    **who,
                )
            )

    for person in _members(district, units):
        register(org_unit=person.current_union, person=person)
    relatives = (
        FamilyMember.objects.filter(
            file__org_unit__path__startswith=district.path, file__status=FileStatus.FILED
        )
        .exclude(relation=Relation.SELF)
        .exclude(student_level__gt="")
        .select_related("file__org_unit")
        .order_by("file_id", "pk")
    )
    for member in relatives[:3]:
        number = _id_number(rng, today=today, female=rng.random() < 0.5)
        register(org_unit=member.file.org_unit, family_member=member, id_number=number)
    for name, female in OUTSIDERS:
        number = _id_number(rng, today=today, female=female)
        register(org_unit=units[0] if units else district, name=name, id_number=number)
    return made


# (title, kind, days from today to the start and to the end, hours, provider, place)
DISTRICT_COURSE = (
    "困难职工及家庭成员职业技能培训（家政服务）",
    TrainingKind.SKILL,
    (-120, -106),
    64,
    "区职业技能培训中心",
    "区职工服务中心三楼培训室",
)
UNION_COURSE = (
    "岗位技能提升培训（叉车操作）",
    TrainingKind.UPGRADE,
    (-3, 11),
    24,
    "市特种设备作业培训站",
    "职工之家",
)
CERTIFICATE = "家政服务员（五级）职业技能等级证书"


def _course(*, unit, spec, today: dt.date, actor: Access):
    title, kind, (start, end), hours, provider, place = spec
    return training_create(
        actor=actor,
        org_unit=unit,
        title=title,
        kind=kind,
        starts_on=today + dt.timedelta(days=start),
        ends_on=today + dt.timedelta(days=end),
        hours=hours,
        provider=provider,
        place=place,
    )


def trainings(*, district, today: dt.date, actor: Access, people: list[JobSeeker]) -> None:
    """The district's course, over (eight enrolled, one in four not finished), and 工会 A's
    course, under way (two enrolled)."""
    course = _course(unit=district, spec=DISTRICT_COURSE, today=today, actor=actor)
    for n, seeker in enumerate(people[:8]):
        enrolment = enrolment_add(
            actor=actor,
            training=course,
            seeker=seeker,
            enrolled_on=course.starts_on - dt.timedelta(days=10 - n),
        )
        if n % 4 != 3:
            enrolment_complete(
                actor=actor,
                enrolment=enrolment,
                completed_on=course.ends_on,
                certificate=CERTIFICATE,
            )
    union = _unit_of("union_admin_a", district)
    own = [s for s in people if union is not None and s.org_unit_id == union.pk]
    if not own:
        return
    upgrade = _course(unit=union, spec=UNION_COURSE, today=today, actor=actor)
    for seeker in own[:2]:
        enrolment_add(actor=actor, training=upgrade, seeker=seeker, enrolled_on=upgrade.starts_on)


def fair_and_placements(*, district, today: dt.date, actor: Access, people: list[JobSeeker]):
    fair = fair_create(
        actor=actor,
        org_unit=district,
        title="“春风行动”暨就业援助月专场招聘会",
        held_on=today - dt.timedelta(days=60),
        place="区职工服务中心广场",
        employers=36,
        positions=420,
        attendance=650,
    )
    attendees = people[2:8]
    for seeker in attendees:
        fair_attend(actor=actor, fair=fair, seeker=seeker)
    placed = [(s, fair) for s in attendees[:2]] + [(s, None) for s in people[:2]]
    for n, (seeker, where) in enumerate(placed):
        employer, job, wage = JOBS[n % len(JOBS)]
        placement_record(
            actor=actor,
            seeker=seeker,
            job=job,
            employer_name=employer,
            placed_on=(where.held_on if where else today - dt.timedelta(days=90))
            + dt.timedelta(days=7 + n),
            monthly_wage=Decimal(wage),
            fair=where,
            note="演示数据",
        )


def jobs(*, district, today: dt.date, rng: random.Random, actor: Access, made) -> None:
    """The part: seekers, trainings, the fair and placements, when the district has none."""
    if JobSeeker.objects.filter(org_unit__path__startswith=district.path).exists():
        return
    people = seekers(district=district, today=today, rng=rng, actor=actor)
    trainings(district=district, today=today, actor=actor, people=people)
    fair_and_placements(district=district, today=today, actor=actor, people=people)
