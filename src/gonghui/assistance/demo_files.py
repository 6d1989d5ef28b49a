"""Demo hardship files: members of the district's unions in every state and category, with
their family, incomes that the assessment (assistance.income) places in the category, the
steps they went through on plausible days, yearly reviews (some overdue), 解困脱困 and 退档.

Written in bulk; every derived value comes from the functions the services use (assess,
add_workdays, add_months, the parameters in force, the file number counter)."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from gonghui.assistance.choices import Category, Cause, ExitKind, FileStatus, Relation, StepKind
from gonghui.assistance.income import assess
from gonghui.assistance.models import FamilyMember, FileObjection, FileStep, HardshipFile
from gonghui.core.counters import next_value
from gonghui.core.names import person_name
from gonghui.core.periods import add_months
from gonghui.core.rules import rule
from gonghui.core.workdays import add_workdays
from gonghui.members.models import Person

DAY = dt.timedelta(days=1)
PENDING = (
    FileStatus.SUBMITTED,
    FileStatus.CHECKED,
    FileStatus.SURVEYED,
    FileStatus.VERIFIED,
    FileStatus.PUBLICIZING,
    FileStatus.RETURNED,
    FileStatus.WITHDRAWN,
)
# The steps that lead to each state of an application not yet filed.
LEADS_TO = {
    FileStatus.SUBMITTED: (),
    FileStatus.CHECKED: (StepKind.CHECK,),
    FileStatus.SURVEYED: (StepKind.CHECK, StepKind.SURVEY),
    FileStatus.VERIFIED: (StepKind.CHECK, StepKind.SURVEY, StepKind.VERIFY),
    FileStatus.PUBLICIZING: (StepKind.CHECK, StepKind.SURVEY, StepKind.VERIFY, StepKind.PUBLICIZE),
}
AFTER = {
    StepKind.SUBMIT: FileStatus.SUBMITTED,
    StepKind.CHECK: FileStatus.CHECKED,
    StepKind.SURVEY: FileStatus.SURVEYED,
    StepKind.VERIFY: FileStatus.VERIFIED,
    StepKind.PUBLICIZE: FileStatus.PUBLICIZING,
    StepKind.FILE: FileStatus.FILED,
}
CATEGORIES = {Category.DEEP: 35, Category.RELATIVE: 40, Category.ACCIDENT: 10, Category.MIGRANT: 15}
CAUSES = {
    Category.DEEP: (Cause.ILLNESS, Cause.DISABILITY, Cause.UNEMPLOYMENT, Cause.SINGLE_PARENT),
    Category.RELATIVE: (Cause.LOW_INCOME, Cause.SCHOOLING, Cause.ILLNESS, Cause.ENTERPRISE),
    Category.ACCIDENT: (Cause.ACCIDENT, Cause.DISASTER, Cause.ILLNESS),
    Category.MIGRANT: (Cause.LOW_INCOME, Cause.ILLNESS, Cause.SCHOOLING),
}
SCHOOLS = (
    "区第一中学（高中）",
    "市职业技术学校（中职）",
    "省师范大学（本科）",
    "市职业技术学院（高职）",
)
DIAGNOSES = ("慢性肾功能衰竭，规律透析", "乳腺癌术后化疗", "脑梗后遗症")
BANKS = ("工商银行", "农业银行", "建设银行", "中国银行", "邮政储蓄银行")
VISITORS = ("王建国", "刘芳", "陈明", "周丽", "吴强", "郑红")
RETURN_REASONS = ("收入证明未盖章，请补充", "缺少诊断证明原件", "家庭成员收入与调查不符，请核实")
EXIT_REASONS = {
    ExitKind.RECOVERED: "复核时家庭人均收入已超过相对困难标准，实现解困脱困",
    ExitKind.RETIRED: "本人已办理退休",
    ExitKind.MOVED: "本人调离本区",
    ExitKind.DIED: "本人因病去世",
    ExitKind.INELIGIBLE: "复核发现家庭购置第二套住房，不再符合建档条件",
}


@dataclass
class DemoFile:
    """A file as written, with what the money part needs (the card in clear, the children)."""

    file: HardshipFile
    card: str
    students: list[tuple[str, str]] = field(default_factory=list)  # (name, school)
    family: list[FamilyMember] = field(default_factory=list)
    steps: list[FileStep] = field(default_factory=list)


def _states(rng: random.Random, count: int) -> list[str]:
    """Two of each state not filed, then 在档 / 已解困脱困 / 已退档 in a realistic mix."""
    states = [s for s in PENDING for _ in range(2)]
    states += [FileStatus.RECOVERED, FileStatus.REMOVED]
    rest = max(count - len(states), 0)
    weights = {FileStatus.FILED: 76, FileStatus.RECOVERED: 15, FileStatus.REMOVED: 9}
    states += rng.choices(list(weights), weights=list(weights.values()), k=rest)
    return states


def _card(rng: random.Random) -> str:
    return "6222" + "".join(str(rng.randint(0, 9)) for _ in range(15))


def _share(rng: random.Random, category: str) -> Decimal:
    """Per-capita income as a multiple of the 低保标准 that lands in ``category``."""
    if category == Category.ACCIDENT:
        return Decimal(rng.randint(210, 260)) / 100  # above the relative ceiling
    if category in (Category.DEEP, Category.MIGRANT) and rng.random() < 0.6:
        return Decimal(rng.randint(45, 92)) / 100
    return Decimal(rng.randint(110, 185)) / 100


def _split(rng: random.Random, income: Decimal, size: int) -> list[Decimal]:
    """The household income shared out: most of it earned by the worker, the rest by one or
    two adults; children earn nothing. The parts add up to ``income`` exactly."""
    earner = (income * Decimal(rng.randint(55, 100)) / 100).quantize(Decimal("1"))
    parts = [earner] + [Decimal(0)] * (size - 1)
    parts[1] = income - earner
    return parts


class FileWriter:
    def __init__(self, *, today: dt.date, rng: random.Random, user, unit):
        self.today, self.rng, self.user = today, rng, user
        self.actor_name = (user.get_full_name() or user.get_username()) if user else "系统"
        self.review_months = rule("hardship_review_months", unit=unit, on=today)

    def _household(self, file: HardshipFile, person: Person, category: str) -> DemoFile:
        """The family and incomes whose assessment (as the services count it) is ``category``."""
        rng = self.rng
        dibao = rule("hardship_dibao_monthly", unit=file.org_unit, on=file.applied_on)
        size = rng.randint(2, 5)
        rigid = Decimal(rng.choice((0, 0, 2400, 3600, 6000, 9600)))
        income = (dibao * _share(rng, category) * 12 * size + rigid).quantize(Decimal("1"))
        file.annual_income, file.rigid_expenses, file.household_size = income, rigid, size
        if category == Category.ACCIDENT:
            file.accident_costs = (income * Decimal("0.9")).quantize(Decimal("1"))
        file.is_migrant_worker = category == Category.MIGRANT
        file.employment_months = rng.randint(14, 60) if file.is_migrant_worker else None
        result = assess(
            unit=file.org_unit,
            on=file.applied_on,
            annual_income=income,
            rigid_expenses=rigid,
            accident_costs=file.accident_costs,
            household_size=size,
            is_migrant_worker=file.is_migrant_worker,
            employment_months=file.employment_months,
        )
        file.monthly_per_capita = result.monthly_per_capita
        file.dibao_monthly = result.dibao_monthly
        file.relative_multiplier = result.relative_multiplier
        file.proposed_category = result.category
        record = DemoFile(file=file, card=_card(rng))
        employer = person.employer.name if person.employer_id else ""
        ill = file.main_cause == Cause.ILLNESS
        for n, part in enumerate(_split(rng, income, size)):
            relation = (Relation.SELF, Relation.SPOUSE)[n] if n < 2 else Relation.CHILD
            name = (
                person.name
                if n == 0
                else person.name[0] + person_name(rng, female=rng.random() < 0.5)[1:]
            )
            school = rng.choice(SCHOOLS) if relation == Relation.CHILD else ""
            if school:
                record.students.append((name, school))
            record.family.append(
                FamilyMember(
                    name=name,
                    relation=relation,
                    annual_income=part,
                    health="患慢性病" if ill and n == 0 else "健康",
                    school_or_employer=school or (employer if n == 0 else ""),
                )
            )
        return record

    def _step(self, record: DemoFile, kind: str, on: dt.date, before: str, to: str, **extra):
        record.steps.append(
            FileStep(
                kind=kind,
                from_status=before,
                to_status=to,
                on=on,
                actor=self.user,
                actor_name=self.actor_name,
                **extra,
            )
        )

    def _walk(self, record: DemoFile, kinds: tuple[str, ...]) -> None:
        """提交 and then ``kinds``, each a few days after the one before (never after today)."""
        file, rng = record.file, self.rng
        day = file.applied_on
        self._step(record, StepKind.SUBMIT, day, "", FileStatus.SUBMITTED)
        before = FileStatus.SUBMITTED
        for kind in kinds:
            day = min(day + dt.timedelta(days=rng.randint(1, 4)), self.today)
            extra: dict = {}
            if kind == StepKind.SURVEY:
                extra = {"visitors": rng.sample(VISITORS, 2), "note": "入户核实家庭收入、住房属实"}
            elif kind == StepKind.VERIFY:
                file.category = file.proposed_category
            elif kind == StepKind.PUBLICIZE:
                days = rule("hardship_publicity_workdays", unit=file.org_unit, on=day)
                file.publicity_starts_on, file.publicity_place = day, "厂务公开栏及工会微信群"
                file.publicity_ends_on = add_workdays(day - DAY, days)
                extra = {"note": f"公示{days}个工作日，至{file.publicity_ends_on:%Y-%m-%d}"}
            elif kind == StepKind.FILE:
                day = max(day, file.publicity_ends_on + dt.timedelta(days=rng.randint(1, 4)))
                file.filed_on = day
                file.review_due_on = add_months(day, self.review_months)
            self._step(record, kind, day, before, AFTER[kind], **extra)
            file.status = before = AFTER[kind]

    def _reviews(self, record: DemoFile, until: dt.date) -> None:
        """Yearly reviews as they fall due up to ``until``; now and then one is overdue."""
        file, rng = record.file, self.rng
        while file.review_due_on <= until and rng.random() >= 0.12:
            day = min(file.review_due_on + dt.timedelta(days=rng.randint(-20, 10)), until)
            day = max(day, file.filed_on + DAY)
            note = "家庭情况无明显变化，继续在档"
            if file.category == Category.RELATIVE and rng.random() < 0.1:
                file.category = Category.DEEP
                note = "类别由相对困难职工调整为深度困难职工：家庭成员患重病"
            self._step(record, StepKind.REVIEW, day, FileStatus.FILED, FileStatus.FILED, note=note)
            file.last_reviewed_on = day
            file.review_due_on = add_months(day, self.review_months)

    def _exit(self, record: DemoFile, state: str) -> None:
        file, rng = record.file, self.rng
        earliest = add_months(file.filed_on, 6)
        day = earliest + dt.timedelta(days=rng.randint(0, max((self.today - earliest).days, 0)))
        self._reviews(record, day - DAY)
        day = max(day, (file.last_reviewed_on or file.filed_on) + DAY)
        others = [k for k in ExitKind.values if k != ExitKind.RECOVERED]
        kind = ExitKind.RECOVERED if state == FileStatus.RECOVERED else rng.choice(others)
        file.status, file.exit_kind, file.exited_on = state, kind, day
        file.exit_reason = EXIT_REASONS[kind]
        note = f"{ExitKind(kind).label}：{file.exit_reason}"
        self._step(record, StepKind.EXIT, day, FileStatus.FILED, state, note=note)

    def _send_back(self, record: DemoFile, state: str) -> None:
        """退回 after 初审 (and, for a withdrawn one, 撤回 by the applicant)."""
        file, rng = record.file, self.rng
        self._walk(record, LEADS_TO[FileStatus.CHECKED])
        reason = rng.choice(RETURN_REASONS)
        self._step(
            record,
            StepKind.RETURN,
            self.today,
            FileStatus.CHECKED,
            FileStatus.RETURNED,
            note=reason,
        )
        file.status, file.return_reason = FileStatus.RETURNED, reason
        if state == FileStatus.WITHDRAWN:
            note = "家庭情况好转，本人撤回申请"
            self._step(record, StepKind.WITHDRAW, self.today, FileStatus.RETURNED, state, note=note)
            file.status = state

    def build(self, person: Person, state: str, category: str) -> DemoFile:
        """One file of ``person`` in ``state``, assessed as ``category``."""
        rng, today = self.rng, self.today
        if state in PENDING:
            applied = today - dt.timedelta(days=rng.randint(6, 40))
        else:  # exits need room: at least ~10 months before today
            start = dt.date(today.year - 3, 1, 5)
            latest = 300 if state != FileStatus.FILED else 60
            applied = start + dt.timedelta(days=rng.randint(0, (today - start).days - latest))
        main = rng.choice(CAUSES[category])
        others = [Cause.SCHOOLING] if main != Cause.SCHOOLING and rng.random() < 0.3 else []
        file = HardshipFile(
            org_unit=person.current_union,
            person=person,
            applied_on=applied,
            main_cause=main,
            other_causes=others,
            bank_name=rng.choice(BANKS),
            bank_branch="城区支行",
            created_by=self.user,
        )
        if main == Cause.ILLNESS:
            file.diagnosis = rng.choice(DIAGNOSES)
        record = self._household(file, person, category)
        file.bank_card = record.card
        if state in LEADS_TO:
            self._walk(record, LEADS_TO[state])
        elif state in (FileStatus.RETURNED, FileStatus.WITHDRAWN):
            self._send_back(record, state)
        else:
            self._walk(record, (*LEADS_TO[FileStatus.PUBLICIZING], StepKind.FILE))
            if state == FileStatus.FILED:
                self._reviews(record, today)
            else:
                self._exit(record, state)
        return record


def _persons(district, count: int, rng: random.Random, first: Person | None) -> list[Person]:
    """Members of the district's unions, distinct; the demo worker's person first if given."""
    pool = list(
        Person.objects.filter(current_union__path__startswith=district.path)
        .select_related("current_union", "employer")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    picked = rng.sample(pool, min(count, len(pool)))
    if first is not None:
        picked = [first.pk, *[pk for pk in picked if pk != first.pk]][:count]
    by_pk = Person.objects.select_related("current_union", "employer").in_bulk(picked)
    return [by_pk[pk] for pk in picked]


def write_files(*, district, today, rng, user, count: int, first: Person | None = None):
    """``count`` files (at least one of each state and, among the filed, each category), the
    first one that of ``first`` and in force; answers the DemoFile records, saved."""
    writer = FileWriter(today=today, rng=rng, user=user, unit=district)
    persons = _persons(district, count, rng, first)
    states = _states(rng, len(persons))
    if first is not None:
        states = [FileStatus.FILED, *states][: len(persons)]
    categories = list(Category.values) + rng.choices(
        list(CATEGORIES), weights=list(CATEGORIES.values()), k=len(persons)
    )
    filed = 0
    records = []
    for person, state in zip(persons, states, strict=True):
        category = categories[filed] if state not in PENDING else rng.choice(list(CATEGORIES))
        filed += state not in PENDING
        records.append(writer.build(person, state, category))
    _number(records)
    files = HardshipFile.objects.bulk_create([r.file for r in records], batch_size=500)
    for record, file in zip(records, files, strict=True):
        for row in (*record.family, *record.steps):
            row.file = file
    FamilyMember.objects.bulk_create([m for r in records for m in r.family], batch_size=1000)
    FileStep.objects.bulk_create([s for r in records for s in r.steps], batch_size=1000)
    _objections(records, user)
    return records


def _number(records: list[DemoFile]) -> None:
    """File numbers from the counter the services number from, by year of application."""
    by_year: dict[int, list[HardshipFile]] = {}
    for record in sorted(records, key=lambda r: r.file.applied_on):
        by_year.setdefault(record.file.applied_on.year, []).append(record.file)
    for year, files in by_year.items():
        first = next_value("assistance.file", period=str(year), count=len(files))
        for n, file in enumerate(files, start=first):
            file.number = f"KN{year}{n:06d}"


def _objections(records: list[DemoFile], user) -> None:
    """An objection still open on a file in 公示, and one resolved (not upheld) on a filed one."""
    rows = []
    open_ = next((r.file for r in records if r.file.status == FileStatus.PUBLICIZING), None)
    if open_ is not None:
        rows.append(
            FileObjection(
                file=open_,
                received_on=open_.publicity_starts_on,
                content="反映该户家中有经营性门面房出租，收入未申报",
                created_by=user,
            )
        )
    settled = next((r.file for r in records if r.file.status == FileStatus.FILED), None)
    if settled is not None:
        rows.append(
            FileObjection(
                file=settled,
                received_on=settled.publicity_starts_on,
                content="反映该户家属有稳定工作",
                resolved_on=settled.publicity_ends_on,
                upheld=False,
                resolution="经核实家属为灵活就业，收入已如实申报，异议不成立",
                created_by=user,
            )
        )
    FileObjection.objects.bulk_create(rows)
