"""Invisible format characters (zero-width space, BOM, bidi marks) never reach a record."""

import pytest

from gonghui.core.imports.cells import cell_text
from gonghui.core.text import visible, without_format
from gonghui.members.models import Person
from gonghui.members.services import person_register
from gonghui.orgs.models import OrgUnit
from tests.api.conftest import post

ZWSP, BOM, RLO, WORD_JOINER = "\u200b", "\ufeff", "\u202e", "\u2060"


@pytest.mark.parametrize("raw", [f"张{ZWSP}三", f"{BOM}张三", f"张三{WORD_JOINER} ", f"{RLO}张三"])
def test_it_removes_invisible_characters_from_a_name(raw):
    assert visible(raw) == "张三"
    assert cell_text(raw) == "张三"


def test_it_keeps_line_breaks_in_long_text():
    assert without_format(f"第一行{ZWSP}\n第二行") == "第一行\n第二行"


def test_it_registers_the_name_people_see(tree, personas):
    person = person_register(
        actor=personas["owner"].access, id_number="11010519491231002X", name=f"王{ZWSP}五"
    )
    assert Person.objects.get(pk=person.pk).name == "王五"
    assert Person.objects.filter(name="王五").count() == 1


def test_it_stores_unit_names_without_invisible_characters(tree, personas):
    response = post(
        personas["district_admin"].client(),
        "/api/v1/orgs/orgunits/",
        {
            "parent": tree.street_b.pk,
            "name": f"丙公司{ZWSP}工会",
            "code": "G0099",
            "kind": "grassroots",
        },
    )
    assert response.status_code == 201, response.content
    assert OrgUnit.objects.get(code="G0099").name == "丙公司工会"
