"""Every page URL that takes a primary key, enumerated from the URL resolver.

Each is mapped to the model its key points at (PAGES); for union_a's row the sibling union gets
a 404 on GET and POST and the row is left unchanged; anonymous is sent to the login page.
"""

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conformance.fixtures import BUILDERS, World

PK_ARGS = {"pk", "id", "object_id"}
MISSING_PK = 987654321

# URL name -> model label of the row its primary key names.
PAGES: dict[str, str] = {
    "core:parameter_revise": "core.Parameter",
    "core:job_detail": "core.Job",
    "core:job_progress": "core.Job",
    "core:job_download": "core.Job",
    "core:import_result": "core.Job",
    "core:import_progress": "core.Job",
    "accounts:user_detail": "accounts.User",
    "accounts:user_reset_password": "accounts.User",
    "accounts:user_unlock": "accounts.User",
    "accounts:user_revoke_token": "accounts.User",
    "accounts:user_reset_second_factor": "accounts.User",
    "accounts:assignment_create": "accounts.User",
    "accounts:assignment_revoke": "accounts.RoleAssignment",
    "orgs:orgunit_detail": "orgs.OrgUnit",
    "orgs:orgunit_edit": "orgs.OrgUnit",
    "orgs:orgunit_deactivate": "orgs.OrgUnit",
    "orgs:enterprise_detail": "orgs.Enterprise",
    "orgs:enterprise_edit": "orgs.Enterprise",
    "orgs:enterprise_deactivate": "orgs.Enterprise",
    "members:person_detail": "members.Person",
    "members:person_edit": "members.Person",
    "members:person_reveal_id": "members.Person",
    "members:membership_join": "members.Person",
    "members:membership_transfer": "members.Membership",
    "members:membership_leave": "members.Membership",
    "plans:plan_dashboard": "plans.WorkPlan",
    "plans:plan_review": "plans.WorkPlan",
    "plans:plan_activate": "plans.WorkPlan",
    "plans:plan_close": "plans.WorkPlan",
    "plans:target_add": "plans.WorkPlan",
    "plans:milestone_add": "plans.WorkPlan",
    "plans:target_confirm": "plans.Target",
    "plans:target_edit": "plans.Target",
    "plans:target_delete": "plans.Target",
    "plans:target_bind": "plans.Target",
    "plans:progress_add": "plans.Target",
    "plans:target_chart_monthly": "plans.Target",
    "plans:target_cascade": "plans.Target",
    "plans:target_pro_rata": "plans.Target",
    "plans:milestone_confirm": "plans.Milestone",
    "plans:milestone_edit": "plans.Milestone",
    "plans:milestone_delete": "plans.Milestone",
    "plans:milestone_done": "plans.Milestone",
    "plans:progress_attach": "plans.ProgressEntry",
    "plans:progress_attachment": "core.Attachment",
    "plans:progress_attachment_delete": "core.Attachment",
    "plans:share_detail": "plans.TargetShare",
    "plans:scheme_detail": "plans.AssessmentScheme",
    "plans:scheme_edit": "plans.AssessmentScheme",
    "plans:scheme_run": "plans.AssessmentScheme",
    "plans:run_detail": "plans.AssessmentRun",
    "plans:run_freeze": "plans.AssessmentRun",
    "plans:run_delete": "plans.AssessmentRun",
    "democracy:congress_detail": "democracy.Congress",
    "democracy:congress_edit": "democracy.Congress",
    "democracy:congress_end": "democracy.Congress",
    "democracy:representative_add": "democracy.Congress",
    "democracy:representative_edit": "democracy.Representative",
    "democracy:session_create": "democracy.Congress",
    "democracy:session_detail": "democracy.Session",
    "democracy:session_edit": "democracy.Session",
    "democracy:session_report": "democracy.Session",
    "democracy:disclosure_detail": "democracy.Disclosure",
    "democracy:disclosure_edit": "democracy.Disclosure",
    "democracy:board_seat_end": "democracy.BoardSeat",
    "democracy:board_detail": "democracy.Board",
    "democracy:board_edit": "democracy.Board",
    "democracy:board_seat_add": "democracy.Board",
    "assistance:campaign_detail": "assistance.Campaign",
    "assistance:campaign_build": "assistance.Campaign",
    "assistance:campaign_publicize": "assistance.Campaign",
    "assistance:campaign_print": "assistance.Campaign",
    "assistance:campaign_export": "assistance.Campaign",
    "assistance:campaign_payments": "assistance.Campaign",
    "assistance:campaign_approve": "assistance.Campaign",
    "assistance:campaign_bank_file": "assistance.Campaign",
    "assistance:campaign_bank_return": "assistance.Campaign",
    "assistance:campaign_bank_return_template": "assistance.Campaign",
    "assistance:campaign_reissue": "assistance.Campaign",
    "assistance:campaign_in_kind": "assistance.Campaign",
    "assistance:entry_remove": "assistance.CampaignEntry",
    "contracts:contract_detail": "contracts.Contract",
    "contracts:contract_edit": "contracts.Contract",
    "contracts:contract_file": "contracts.Contract",
    "contracts:contract_object": "contracts.Contract",
    "contracts:contract_resign": "contracts.Contract",
    "contracts:contract_adopt": "contracts.Contract",
    "contracts:contract_terminate": "contracts.Contract",
    "contracts:clause_create": "contracts.Contract",
    "contracts:clause_edit": "contracts.Clause",
    "contracts:check_create": "contracts.Contract",
    "contracts:bargaining_detail": "contracts.WageBargaining",
    "contracts:bargaining_edit": "contracts.WageBargaining",
    "rights:order_detail": "rights.WorkOrder",
    "rights:order_step": "rights.WorkOrder",
    "rights:my_order_detail": "rights.WorkOrder",
    "rights:my_order_rate": "rights.WorkOrder",
    "rights:dispute_detail": "rights.DisputeCase",
    "rights:dispute_edit": "rights.DisputeCase",
    "rights:dispute_advance": "rights.DisputeCase",
    "rights:dispute_close": "rights.DisputeCase",
    "rights:dispute_extend": "rights.DisputeCase",
    "rights:dispute_arbitration": "rights.DisputeCase",
    "rights:dispute_arbitration_extend": "rights.DisputeCase",
    "rights:dispute_award": "rights.DisputeCase",
    "rights:committee_detail": "rights.MediationCommittee",
    "rights:committee_edit": "rights.MediationCommittee",
    "rights:legal_aid_edit": "rights.LegalAidCase",
    "rights:petition_edit": "rights.PetitionRecord",
    "rights:inspection_edit": "rights.Inspection",
    "rights:ankang_edit": "rights.AnkangParticipation",
    "rights:hazard_edit": "rights.HazardReport",
    "assistance:centre_detail": "assistance.ServiceCentre",
    "assistance:centre_edit": "assistance.ServiceCentre",
    "assistance:centre_close": "assistance.ServiceCentre",
    "assistance:pair_detail": "assistance.AssistancePair",
    "assistance:pair_edit": "assistance.AssistancePair",
    "assistance:pair_end": "assistance.AssistancePair",
    "assistance:pair_visit": "assistance.AssistancePair",
    "assistance:visit_follow_up": "assistance.PairVisit",
    "assistance:seeker_detail": "assistance.JobSeeker",
    "assistance:seeker_edit": "assistance.JobSeeker",
    "assistance:seeker_leave": "assistance.JobSeeker",
    "assistance:placement_detail": "assistance.Placement",
    "assistance:placement_edit": "assistance.Placement",
    "assistance:training_detail": "assistance.Training",
    "assistance:training_edit": "assistance.Training",
    "assistance:training_enrol": "assistance.Training",
    "assistance:enrolment_complete": "assistance.TrainingEnrolment",
    "assistance:fair_detail": "assistance.JobFair",
    "assistance:fair_edit": "assistance.JobFair",
    "assistance:fair_attend": "assistance.JobFair",
    "assistance:file_detail": "assistance.HardshipFile",
    "assistance:file_check": "assistance.HardshipFile",
    "assistance:file_survey": "assistance.HardshipFile",
    "assistance:file_verify": "assistance.HardshipFile",
    "assistance:file_publicize": "assistance.HardshipFile",
    "assistance:file_objection": "assistance.HardshipFile",
    "assistance:file_file": "assistance.HardshipFile",
    "assistance:file_return": "assistance.HardshipFile",
    "assistance:file_review": "assistance.HardshipFile",
    "assistance:file_exit": "assistance.HardshipFile",
    "assistance:file_withdraw": "assistance.HardshipFile",
    "assistance:file_resubmit": "assistance.HardshipFile",
    "assistance:file_reveal": "assistance.HardshipFile",
    "assistance:file_attach": "assistance.HardshipFile",
    "assistance:file_attachment": "core.Attachment",
    "assistance:file_attachment_delete": "core.Attachment",
    "assistance:objection_resolve": "assistance.FileObjection",
    "assistance:fund_detail": "assistance.Fund",
    "assistance:fund_income": "assistance.Fund",
    "assistance:entry_reverse": "assistance.FundEntry",
    "assistance:payment_detail": "assistance.Payment",
    "assistance:scheme_detail": "assistance.MutualScheme",
    "assistance:group_detail": "assistance.MutualGroup",
    "assistance:group_confirm": "assistance.MutualGroup",
    "assistance:scheme_edit": "assistance.MutualScheme",
    "assistance:enrolment_remove": "assistance.MutualEnrolment",
    "assistance:claim_detail": "assistance.MutualClaim",
    "assistance:claim_attach": "assistance.MutualClaim",
    "assistance:claim_attachment": "core.Attachment",
    "assistance:claim_attachment_delete": "core.Attachment",
    "assistance:claim_review": "assistance.MutualClaim",
    "assistance:claim_approve": "assistance.MutualClaim",
    "assistance:claim_refuse": "assistance.MutualClaim",
    "assistance:claim_paid": "assistance.MutualClaim",
    "assistance:claim_second_round": "assistance.MutualClaim",
    "assistance:payment_approve": "assistance.Payment",
    "assistance:payment_paid": "assistance.Payment",
    "assistance:payment_failed": "assistance.Payment",
    "assistance:payment_cancel": "assistance.Payment",
    "assistance:payment_reissue": "assistance.Payment",
    "assistance:my_file_detail": "assistance.HardshipFile",
    "assistance:my_file_resubmit": "assistance.HardshipFile",
    "assistance:my_file_withdraw": "assistance.HardshipFile",
    "assistance:my_file_attach": "assistance.HardshipFile",
    "assistance:my_file_attachment": "core.Attachment",
    "assistance:my_file_attachment_delete": "core.Attachment",
    "assistance:my_claim_detail": "assistance.MutualClaim",
    "assistance:my_claim_attach": "assistance.MutualClaim",
    "assistance:my_claim_attachment": "core.Attachment",
    "assistance:my_claim_attachment_delete": "core.Attachment",
    "example:library_detail": "example.Library",
    "example:library_edit": "example.Library",
}
# Values of the other URL arguments.
EXTRA_KWARGS = {
    "plans:target_pro_rata": {"basis": "employees"},
    "rights:order_step": {"step": "accept"},
}


def _walk(resolver, namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if inner:
                inner = f"{namespace}:{inner}" if namespace else inner
            yield from _walk(pattern, inner or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, set(getattr(pattern.pattern, "converters", {}))


PK_URLS = sorted(
    {name for name, args in _walk(get_resolver()) if args & PK_ARGS and not name.startswith("api:")}
)


def test_it_maps_every_primary_key_url_to_a_model():
    problems = [
        f"URL name {name} takes a primary key but is not registered in "
        "tests/conformance/test_page_urls.py PAGES"
        for name in PK_URLS
        if name not in PAGES
    ]
    problems += [
        f"PAGES maps {name} to {label}, which has no builder in tests/conformance/fixtures.py"
        for name, label in PAGES.items()
        if label not in BUILDERS
    ]
    problems += [f"PAGES lists {name}, which is no URL" for name in set(PAGES) - set(PK_URLS)]
    assert not problems, "\n".join(problems)


def _url(name, pk):
    return reverse(name, kwargs={"pk": pk, **EXTRA_KWARGS.get(name, {})})


def _state(model, pk):
    return model._base_manager.filter(pk=pk).values().first()


@pytest.mark.parametrize("name", [n for n in PK_URLS if n in PAGES])
def test_it_answers_404_to_the_sibling_union(name, tree, personas, client):
    label = PAGES[name]
    model = apps.get_model(label)
    row = World(tree, personas).get(label)
    url = _url(name, row.pk)
    before = _state(model, row.pk)
    sibling = personas["sibling"].client()
    got = sibling.get(url).status_code
    # A POST-only view answers GET with 405 whether or not the row exists.
    post_only = got == 405 and sibling.get(_url(name, MISSING_PK)).status_code == 405
    assert got == 404 or post_only, f"GET {name} by sibling: {got}"
    assert sibling.post(url, data={}).status_code == 404, f"POST {name} by sibling"
    assert _state(model, row.pk) == before, f"POST {name} by sibling changed the row"
    anonymous = client.post(url, data={}) if post_only else client.get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"], name
    assert _state(model, row.pk) == before
