"""The hardship-file API: a worker applies for themselves and follows their own file; cadres
apply for a person in scope and take the file through every step; bank card, diagnosis and
身份证号 read masked (plain only through the audited ``sensitive`` read); outsiders get 404
on the file and on every step."""

from __future__ import annotations

import pytest

from gonghui.assistance import services
from gonghui.assistance.choices import FileStatus
from gonghui.assistance.models import FamilyMember, FileObjection, HardshipFile
from gonghui.core.models import AuditEntry
from tests.api.conftest import API, ids, post
from tests.assistance.conftest import application, apply_for
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

FILES = f"{API}/assistance/files/"


def _application(**changes) -> dict:
    body = {
        "applied_on": "2025-09-01",
        "main_cause": "illness",
        "other_causes": ["schooling"],
        "annual_income": "30000.00",
        "rigid_expenses": "3600",
        "family": [
            {"name": "张三", "relation": "self", "annual_income": "30000", "id_number": ""},
            {"name": "张小三", "relation": "child", "annual_income": "0"},
        ],
        "bank_card": "6222 0212 3456 7890 123",
        "bank_name": "工商银行",
        "diagnosis": "尿毒症，规律透析",
    }
    body.update(changes)
    return body


def test_a_worker_applies_for_themselves_and_follows_their_file(dibao, tree, personas):
    worker = personas["worker"].client()
    body = _application(person=tree.member_a.person.pk)
    response = post(worker, FILES, body)
    assert response.status_code == 201, response.content
    made = response.json()
    assert (made["status"], made["org_unit"]) == ("submitted", tree.union_a.pk)
    assert made["household_size"] == 2
    assert made["monthly_per_capita"] == "1100.00"
    assert made["bank_card_masked"] == "6222 **** **** 0123"
    assert "bank_card" not in made and "diagnosis" not in made
    assert [step["kind"] for step in made["steps"]] == ["submit"]
    assert ids(worker.get(FILES)) == {made["id"]}
    # The worker sees their own card in full (their own data), not another step.
    assert worker.get(f"{FILES}{made['id']}/sensitive/").json()["bank_card"] == (
        "6222021234567890123"
    )
    response = post(worker, f"{FILES}{made['id']}/check/", {"answers": {}})
    assert response.status_code == 403
    response = post(worker, f"{FILES}{made['id']}/withdraw/", {"reason": "情况好转"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "withdrawn"
    outsider = personas["outsider_worker"].client()
    assert outsider.get(f"{FILES}{made['id']}/").status_code == 404


def test_a_worker_cannot_apply_for_someone_else(dibao, tree, personas):
    response = post(
        personas["worker"].client(), FILES, _application(person=tree.member_b.person.pk)
    )
    assert response.status_code == 400
    assert "不存在或不在您的管辖范围内" in response.json()["person"][0]
    assert not HardshipFile.objects.exists()


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"annual_income": "31000"}, "annual_income", "不一致"),
        ({"rigid_expenses": "-1"}, "rigid_expenses", "不能为负数"),
        ({"bank_card": "12345"}, "bank_card", "12至19位数字"),
        ({"family": [{"name": "张三", "relation": "child"}]}, "family", "本人"),
        ({"org_unit": None}, "org_unit", "所属工会"),
    ],
)
def test_it_refuses_a_bad_application_in_chinese_and_saves_nothing(
    dibao, tree, personas, change, field, message
):
    body = {**_application(person=tree.member_a.person.pk, org_unit=tree.union_a.pk), **change}
    body = {name: value for name, value in body.items() if value is not None}  # None: left out
    response = post(personas["owner"].client(), FILES, body)
    assert response.status_code == 400
    assert message in str(response.json()[field])
    assert not HardshipFile.objects.exists()
    assert not FamilyMember.objects.exists()


def test_it_masks_the_file_and_audits_the_plain_read(dibao, tree, personas, reviewer):
    file = apply_for(personas["owner"].access, tree)
    owner = personas["owner"].client()
    body = owner.get(f"{FILES}{file.pk}/").json()
    assert body["bank_card_masked"] == "6222 **** **** 0123"
    assert body["diagnosis_masked"] == "（已填写，需授权查看）"
    assert "尿毒症" not in str(body) and "6222021234567890123" not in str(body)

    before = AuditEntry.objects.filter(action="assistance.file.reveal").count()
    plain = owner.get(f"{FILES}{file.pk}/sensitive/")
    assert plain.status_code == 200
    assert plain.json() == {"bank_card": "6222021234567890123", "diagnosis": "尿毒症，规律透析"}
    assert AuditEntry.objects.filter(action="assistance.file.reveal").count() == before + 2
    # A 审核员 reads the file but may not see the plain values.
    assert reviewer.client().get(f"{FILES}{file.pk}/").status_code == 200
    assert reviewer.client().get(f"{FILES}{file.pk}/sensitive/").status_code == 403


def test_cadres_take_a_file_through_every_step_to_filed(dibao, tree, personas):
    owner, district = personas["owner"].client(), personas["district_admin"].client()
    body = _application(person=tree.member_a.person.pk, org_unit=tree.union_a.pk)
    file_id = post(owner, FILES, body).json()["id"]
    url = f"{FILES}{file_id}"

    def step(client, name, data, expected=200):
        response = post(client, f"{url}/{name}/", data)
        assert response.status_code == expected, (name, response.content)
        return response.json()

    step(owner, "check", {"answers": {}, "note": "材料齐全"})
    step(
        owner,
        "survey",
        {"visited_on": "2025-09-10", "visitors": ["李四", "王五"], "findings": "属实"},
    )
    proposed = owner.get(f"{url}/").json()["proposed_category"]
    # The grassroots union is no 帮扶中心: 审核 is the district's.
    refused = step(owner, "verify", {"category": proposed}, expected=400)
    assert "帮扶中心" in refused["non_field_errors"][0]
    step(district, "verify", {"category": proposed})
    step(owner, "publicize", {"starts_on": "2025-09-26", "place": "厂务公开栏"})
    objection = step(
        owner, "objections", {"received_on": "2025-09-29", "content": "有车"}, expected=201
    )
    early = step(district, "establish", {"filed_on": "2025-10-10"}, expected=400)
    assert "异议尚未处理完毕" in early["non_field_errors"][0]
    resolved = step(
        owner,
        "resolve-objection",
        {
            "objection": objection["id"],
            "upheld": False,
            "resolution": "车辆已报废",
            "resolved_on": "2025-10-08",
        },
    )
    assert resolved["upheld"] is False
    filed = step(district, "establish", {"filed_on": "2025-10-10"})
    assert (filed["status"], filed["filed_on"]) == ("filed", "2025-10-10")
    assert [s["kind"] for s in filed["steps"]] == [
        "submit",
        "check",
        "survey",
        "verify",
        "publicize",
        "file",
    ]
    again = step(owner, "check", {"answers": {}}, expected=400)
    assert "只有已提交的申请可以初审" in again["non_field_errors"][0]
    left = step(
        owner,
        "exit",
        {"kind": "recovered", "exited_on": "2025-12-01", "reason": "再就业，收入稳定"},
    )
    assert left["status"] == FileStatus.RECOVERED


def test_it_returns_a_file_and_takes_the_corrected_application(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)
    owner = personas["owner"].client()
    response = post(owner, f"{FILES}{file.pk}/return/", {"reason": "缺少收入证明"})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["return_reason"]) == (
        "returned",
        "缺少收入证明",
    )
    corrected = _application(
        annual_income="36000",
        family=[{"name": "张三", "relation": "self", "annual_income": "36000"}],
    )
    response = post(owner, f"{FILES}{file.pk}/resubmit/", corrected)
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["household_size"]) == ("submitted", 1)


def test_it_hides_the_file_and_every_step_from_an_outsider(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)
    objection = FileObjection.objects.create(file=file, received_on=file.applied_on, content="x")
    sibling = personas["sibling"].client()
    assert sibling.get(f"{FILES}{file.pk}/").status_code == 404
    assert sibling.get(f"{FILES}{file.pk}/sensitive/").status_code == 404
    assert file.pk not in ids(sibling.get(FILES))
    steps = {
        "check": {"answers": {}},
        "survey": {"visited_on": "2025-09-10", "visitors": ["甲", "乙"], "findings": "x"},
        "verify": {"category": "deep"},
        "publicize": {"starts_on": "2025-09-26", "place": "x"},
        "objections": {"received_on": "2025-09-29", "content": "x"},
        "resolve-objection": {
            "objection": objection.pk,
            "upheld": True,
            "resolution": "x",
            "resolved_on": "2025-10-01",
        },
        "establish": {"filed_on": "2025-10-10"},
        "return": {"reason": "x"},
        "review": {"reviewed_on": "2025-10-10", "category": "deep", "note": "x"},
        "exit": {"kind": "moved", "exited_on": "2025-10-10", "reason": "x"},
        "resubmit": _application(),
        "withdraw": {"reason": "x"},
    }
    for name, body in steps.items():
        response = post(sibling, f"{FILES}{file.pk}/{name}/", body)
        assert response.status_code == 404, (name, response.status_code)
    file.refresh_from_db()
    assert file.status == FileStatus.SUBMITTED
    assert list(file.steps.values_list("kind", flat=True)) == ["submit"]


def test_it_refuses_to_resolve_another_files_objection(dibao, tree, personas):
    file = apply_for(personas["owner"].access, tree)
    neighbour = MembershipFactory(union=tree.union_a, person__name="王邻居").person
    other = services.hardship_apply(
        actor=personas["owner"].access, person=neighbour, org_unit=tree.union_a, **application()
    )
    objection = FileObjection.objects.create(file=other, received_on=file.applied_on, content="x")
    body = {
        "objection": objection.pk,
        "upheld": True,
        "resolution": "x",
        "resolved_on": "2025-10-01",
    }
    response = post(personas["owner"].client(), f"{FILES}{file.pk}/resolve-objection/", body)
    assert response.status_code == 400
    assert "不属于本档案" in response.json()["objection"][0]
    objection.refresh_from_db()
    assert objection.resolved_on is None
