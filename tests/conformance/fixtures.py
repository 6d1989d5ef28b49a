"""The conformance registry: for every concrete model of the Gonghui apps, a builder that makes
one row owned by union_a (the ``owner`` persona's unit), given the tree and the personas.

A new model fails tests/conformance/test_models.py until it is registered here (or, when it
is deliberately not org-owned, listed in EXEMPT with the reason).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from gonghui.accounts.models import LoginLog, RoleAssignment
from gonghui.assistance import services as assistance_services
from gonghui.assistance.choices import FundKind
from gonghui.assistance.models import (
    CampaignEntry,
    ExclusionItem,
    FamilyMember,
    FileObjection,
    FileStep,
)
from gonghui.contracts.models import (
    Clause,
    ContractObjection,
    FulfilmentCheck,
    FulfilmentResult,
    WageBargaining,
)
from gonghui.core.attachment_services import attachment_add
from gonghui.core.audit import log_action
from gonghui.core.models import Job
from gonghui.democracy.models import (
    Board,
    BoardSeat,
    Disclosure,
    DisclosureItem,
    Representative,
)
from gonghui.plans.models import (
    Adjustment,
    AssessmentResult,
    AssessmentRun,
    AssessmentScheme,
    Milestone,
    PlanSection,
    ProgressEntry,
    SchemeItem,
    Target,
    TargetShare,
    WorkPlan,
)
from gonghui.rights import services as rights_services
from gonghui.rights.choices import ClaimType
from gonghui.rights.models import (
    AnkangParticipation,
    DisputeEvent,
    HazardReport,
    Inspection,
    LegalAidCase,
    PetitionRecord,
    WorkOrderEvent,
)
from tests.assistance.households import take_to_filed
from tests.assistance.mutual_support import MUTUAL_BUILDERS, pdf
from tests.contracts.support import record
from tests.democracy.conftest import make_congress, make_session
from tests.example_app import services as example_services
from tests.factories import ParameterFactory, UserFactory
from tests.rights.conftest import register_order

DAY = dt.date(2025, 3, 3)

# Models deliberately without an org-owned fixture, with the reason.
EXEMPT: dict[str, str] = {
    "core.Counter": "a numbering sequence's position (工单编号 of one day): holds no unit's data",
    "core.HolidayYear": "the national holiday calendar: every unit's deadlines are counted on "
    "it, so every signed-in user may read it; only a 系统管理员 over the whole tree writes it "
    "(tests/core/test_holiday_calendar.py)",
    "core.CalendarDay": "a day of the national holiday calendar (see core.HolidayYear)",
    "accounts.PasswordHistory": "hashes only the password services compare; no page, API or "
    "export reads them",
    "accounts.TokenUse": "when an API token was last used; read only by token authentication",
    "accounts.SecondFactor": "a user's encrypted TOTP secret and recovery-code hashes; read "
    "only by the second-factor services for that user, no listing, API or export",
}


class World:
    """Builds rows of union_a on demand, each parent once (a target reuses the plan, ...)."""

    def __init__(self, tree, personas):
        self.tree = tree
        self.personas = personas
        self.unit = tree.union_a
        self.actor = personas["owner"].access
        self._made: dict[str, object] = {}

    def get(self, label: str):
        if label not in self._made:
            self._made[label] = BUILDERS[label](self)
        return self._made[label]


def _plan(w: World):
    return WorkPlan.objects.create(
        org_unit=w.unit, year=2025, title="2025年工作要点", source_text="x", created_by=w.actor.user
    )


def _target(w: World):
    return Target.objects.create(
        plan=w.get("plans.WorkPlan"), indicator="建会率", comparator=">=", value=Decimal("90")
    )


def _entry(w: World):
    return ProgressEntry.objects.create(
        target=w.get("plans.Target"),
        org_unit=w.unit,
        value=Decimal("50"),
        as_of=DAY,
        created_by=w.actor.user,
    )


def _scheme(w: World):
    return AssessmentScheme.objects.create(plan=w.get("plans.WorkPlan"), name="年度考核")


def _run(w: World):
    return AssessmentRun.objects.create(
        scheme=w.get("plans.AssessmentScheme"),
        period_start=dt.date(2025, 1, 1),
        period_end=DAY,
        created_by=w.actor.user,
    )


def _congress(w: World):
    return make_congress(w.actor, unit=w.unit, enterprises=[w.tree.enterprise_a])


def _session(w: World):
    return make_session(
        w.actor,
        w.get("democracy.Congress"),
        present=25,
        resolutions=[{"title": "关于年度工作报告的决议", "votes_for": 22}],
        evaluations=[{"cadre_name": "王经理", "satisfied": 20, "basically": 4, "unsatisfied": 1}],
    )


def _disclosure(w: World):
    return Disclosure.objects.create(enterprise=w.tree.enterprise_a, established_on=DAY)


def _contract(w: World):
    return record(w.actor, w.unit, [w.tree.enterprise_a])


def _clause(w: World):
    contract = w.get("contracts.Contract")
    return contract.clauses.first() or Clause.objects.create(contract=contract, number=1, text="x")


def _check(w: World):
    return FulfilmentCheck.objects.create(
        contract=w.get("contracts.Contract"), checked_on=DAY, checker="王检查"
    )


def _committee(w: World):
    return rights_services.committee_create(
        actor=w.actor, enterprise=w.tree.enterprise_a, established_on=DAY, chair="刘主任"
    )


def _dispute(w: World):
    return rights_services.dispute_create(
        actor=w.actor,
        committee=w.get("rights.MediationCommittee"),
        worker_names="张三",
        claim_type=ClaimType.WAGES,
        claim="拖欠工资",
        claimed_amount=Decimal("100.00"),
        accepted_on=DAY,
    )


def _order(w: World):
    return register_order(w.personas["owner"], w.unit)


def _hardship_file(w: World):
    ParameterFactory(key="hardship_dibao_monthly", value=Decimal("1000"))
    return assistance_services.hardship_apply(
        actor=w.actor,
        person=w.tree.member_a.person,
        org_unit=w.unit,
        applied_on=DAY,
        main_cause="illness",
        annual_income=Decimal("12000"),
        family=[{"name": "张三", "relation": "self", "annual_income": Decimal("12000")}],
        bank_card="6222021234567890",
        bank_name="工商银行",
    )


def _fund(w: World):
    fund = assistance_services.fund_create(
        actor=w.actor, org_unit=w.unit, name="温暖基金", kind=FundKind.WARMTH
    )
    assistance_services.fund_income(actor=w.actor, fund=fund, amount=Decimal("500"), entry_on=DAY)
    return fund


def _filed(w: World):
    return take_to_filed(
        w.personas,
        w.get("assistance.HardshipFile"),
        visited_on=dt.date(2025, 3, 5),
        publicity_from=dt.date(2025, 3, 10),
        filed_on=dt.date(2025, 3, 31),
    )


def _pair(w: World):
    return assistance_services.pair_create(
        actor=w.actor, file=_filed(w), cadre=w.actor.user, started_on=dt.date(2025, 4, 1)
    )


def _seeker(w: World):
    return assistance_services.seeker_register(
        actor=w.actor, org_unit=w.unit, registered_on=DAY, person=w.tree.member_a.person
    )


def _training(w: World):
    return assistance_services.training_create(
        actor=w.actor,
        org_unit=w.unit,
        title="电工培训",
        kind="skill",
        starts_on=DAY,
        ends_on=DAY,
        hours=40,
    )


def _fair(w: World):
    return assistance_services.fair_create(
        actor=w.actor, org_unit=w.unit, title="春风行动招聘会", held_on=DAY, place="广场"
    )


BUILDERS: dict[str, Callable[[World], object]] = {
    # core
    "core.AuditEntry": lambda w: log_action(actor=w.actor, action="t.a", org_unit=w.unit),
    "core.Parameter": lambda w: ParameterFactory(org_unit=w.unit),
    # An import job: the job pages serve every kind, the import result pages only this one.
    # an attachment's scope is its owner's: here the 证明材料 of union_a's hardship file
    "core.Attachment": lambda w: attachment_add(
        actor=w.actor, owner=w.get("assistance.HardshipFile"), upload=pdf(), kind="income"
    ),
    "core.Job": lambda w: Job.objects.create(
        kind="import",
        title="导入",
        owner=w.actor.user,
        org_unit=w.unit,
        params={"importer": "contracts", "original": "合同.xlsx"},
    ),
    # accounts
    "accounts.User": lambda w: UserFactory(username="conform_user", home_unit=w.unit),
    "accounts.RoleAssignment": lambda w: RoleAssignment.objects.get(
        user=w.actor.user, org_unit=w.unit
    ),
    "accounts.LoginLog": lambda w: LoginLog.objects.create(
        username="owner", user=w.actor.user, event="success"
    ),
    # orgs
    "orgs.OrgUnit": lambda w: w.unit,
    "orgs.Enterprise": lambda w: w.tree.enterprise_a,
    # members
    "members.Person": lambda w: w.tree.member_a.person,
    "members.Membership": lambda w: w.tree.member_a,
    # plans
    "plans.WorkPlan": _plan,
    "plans.PlanSection": lambda w: PlanSection.objects.create(
        plan=w.get("plans.WorkPlan"), number="一", title="组织建设", start=0, end=1
    ),
    "plans.Target": _target,
    "plans.Milestone": lambda w: Milestone.objects.create(
        plan=w.get("plans.WorkPlan"), task="完成建会", due=DAY
    ),
    "plans.TargetShare": lambda w: TargetShare.objects.create(
        target=w.get("plans.Target"), org_unit=w.unit, value=Decimal("90"), method="manual"
    ),
    "plans.ProgressEntry": _entry,
    "plans.AssessmentScheme": _scheme,
    "plans.SchemeItem": lambda w: SchemeItem.objects.create(
        scheme=w.get("plans.AssessmentScheme"), target=w.get("plans.Target"), weight=Decimal("1")
    ),
    "plans.Adjustment": lambda w: Adjustment.objects.create(
        scheme=w.get("plans.AssessmentScheme"),
        org_unit=w.unit,
        points=Decimal("1"),
        reason="加分",
        created_by=w.actor.user,
    ),
    "plans.AssessmentRun": _run,
    "plans.AssessmentResult": lambda w: AssessmentResult.objects.create(
        run=w.get("plans.AssessmentRun"), org_unit=w.unit, rank=1, total=Decimal("90")
    ),
    # democracy
    "democracy.Congress": _congress,
    "democracy.Representative": lambda w: Representative.objects.create(
        congress=w.get("democracy.Congress"), name="代表甲", category="frontline"
    ),
    "democracy.Session": _session,
    "democracy.Resolution": lambda w: w.get("democracy.Session").resolutions.get(),
    "democracy.CadreEvaluation": lambda w: w.get("democracy.Session").evaluations.get(),
    "democracy.Disclosure": _disclosure,
    "democracy.DisclosureItem": lambda w: DisclosureItem.objects.create(
        disclosure=w.get("democracy.Disclosure"),
        content="工资福利",
        frequency="yearly",
        channel="congress",
    ),
    "democracy.BoardSeat": lambda w: BoardSeat.objects.create(
        enterprise=w.tree.enterprise_a, kind="director", name="职工董事甲", since=DAY
    ),
    "democracy.Board": lambda w: Board.objects.create(
        enterprise=w.tree.enterprise_a, board_size=5, supervisory_size=3
    ),
    # contracts
    "contracts.Contract": _contract,
    "contracts.Clause": _clause,
    "contracts.FulfilmentCheck": _check,
    "contracts.FulfilmentResult": lambda w: FulfilmentResult.objects.create(
        check_run=w.get("contracts.FulfilmentCheck"),
        clause=w.get("contracts.Clause"),
        fulfilled=True,
    ),
    "contracts.ContractObjection": lambda w: ContractObjection.objects.create(
        contract=w.get("contracts.Contract"),
        signed_on=DAY,
        filed_on=DAY,
        objection_on=DAY,
        note="审查意见",
        resigned_on=DAY,
    ),
    "contracts.WageBargaining": lambda w: WageBargaining.objects.create(
        org_unit=w.unit, year=2025, offer_on=DAY, offer_side="union"
    ),
    # rights
    "rights.MediationCommittee": _committee,
    "rights.DisputeCase": _dispute,
    "rights.DisputeEvent": lambda w: DisputeEvent.objects.create(
        case=w.get("rights.DisputeCase"), stage="mediation", on=DAY
    ),
    "rights.WorkOrder": _order,
    "rights.WorkOrderEvent": lambda w: WorkOrderEvent.objects.create(
        order=w.get("rights.WorkOrder"), kind="replied"
    ),
    "rights.LegalAidCase": lambda w: LegalAidCase.objects.create(
        org_unit=w.unit, applicant_name="王申请", matter="工伤", accepted_on=DAY
    ),
    "rights.PetitionRecord": lambda w: PetitionRecord.objects.create(
        org_unit=w.unit, visitor="王来访", matter="欠薪", received_on=DAY
    ),
    "rights.Inspection": lambda w: Inspection.objects.create(
        org_unit=w.unit, enterprise=w.tree.enterprise_a, inspected_on=DAY
    ),
    "rights.AnkangParticipation": lambda w: AnkangParticipation.objects.create(
        org_unit=w.unit, enterprise=w.tree.enterprise_a, year=2025
    ),
    "rights.HazardReport": lambda w: HazardReport.objects.create(
        org_unit=w.unit, description="消防通道堵塞", reported_on=DAY
    ),
    # assistance
    "assistance.HardshipFile": _hardship_file,
    "assistance.FamilyMember": lambda w: FamilyMember.objects.filter(
        file=w.get("assistance.HardshipFile")
    ).first(),
    "assistance.FileStep": lambda w: FileStep.objects.filter(
        file=w.get("assistance.HardshipFile")
    ).first(),
    "assistance.FileObjection": lambda w: FileObjection.objects.create(
        file=w.get("assistance.HardshipFile"), received_on=DAY, content="异议"
    ),
    "assistance.ExclusionItem": lambda w: ExclusionItem.objects.create(
        org_unit=w.unit, text="两套以上住房"
    ),
    "assistance.Fund": _fund,
    "assistance.FundEntry": lambda w: w.get("assistance.Fund").entries.first(),
    "assistance.Campaign": lambda w: assistance_services.campaign_create(
        actor=w.actor, org_unit=w.unit, kind="warmth", title="送温暖", starts_on=DAY, ends_on=DAY
    ),
    "assistance.CampaignEntry": lambda w: CampaignEntry.objects.create(
        campaign=w.get("assistance.Campaign"),
        file=w.get("assistance.HardshipFile"),
        org_unit=w.unit,
        payee_name="张三",
        category="deep",
        amount=Decimal("800"),
    ),
    "assistance.InKindDistribution": lambda w: assistance_services.inkind_record(
        actor=w.actor,
        campaign=w.get("assistance.Campaign"),
        org_unit=w.unit,
        item="清凉包",
        quantity=5,
        distributed_on=DAY,
    ),
    "assistance.Payment": lambda w: assistance_services.payment_create(
        actor=w.actor,
        fund=w.get("assistance.Fund"),
        type="legal",
        amount=Decimal("100"),
        payee_name="王某",
        bank_card="6222021234567890",
        bank_name="工商银行",
    ),
    "assistance.ServiceCentre": lambda w: assistance_services.centre_create(
        actor=w.actor,
        org_unit=w.unit,
        kind="station",
        name="甲公司帮扶站点",
        address="甲公司一楼",
        phone="0755-12345678",
        opening_hours="工作日 9:00-17:00",
    ),
    "assistance.AssistancePair": _pair,
    "assistance.PairVisit": lambda w: assistance_services.visit_log(
        actor=w.actor,
        pair=w.get("assistance.AssistancePair"),
        visited_on=dt.date(2025, 4, 2),
        visitors="张干部",
        found="生活困难",
    ),
    "assistance.JobSeeker": _seeker,
    "assistance.Training": _training,
    "assistance.TrainingEnrolment": lambda w: assistance_services.enrolment_add(
        actor=w.actor,
        training=w.get("assistance.Training"),
        seeker=w.get("assistance.JobSeeker"),
        enrolled_on=DAY,
    ),
    "assistance.JobFair": _fair,
    "assistance.FairAttendance": lambda w: assistance_services.fair_attend(
        actor=w.actor, fair=w.get("assistance.JobFair"), seeker=w.get("assistance.JobSeeker")
    ),
    "assistance.Placement": lambda w: assistance_services.placement_record(
        actor=w.actor,
        seeker=w.get("assistance.JobSeeker"),
        employer_name="丙公司",
        job="电工",
        placed_on=DAY,
    ),
    **MUTUAL_BUILDERS,
    # the example work line (tests/example_app)
    "example.Library": lambda w: example_services.library_create(
        actor=w.actor, org_unit=w.unit, name="甲公司职工书屋", established_on=DAY
    ),
}
