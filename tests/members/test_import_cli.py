"""`gonghui import members FILE.xlsx --union CODE`: exit status and output."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connections

from gonghui.cli import main
from gonghui.core.models import AuditEntry
from gonghui.members.models import Person
from tests.factories import make_id_number
from tests.members.import_helpers import good_row, write_roster


@pytest.fixture
def keep_connection(monkeypatch):
    """run_from_argv closes every connection when it ends; inside a test transaction on
    PostgreSQL that would drop the test's own connection."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


def test_it_imports_a_good_file_and_prints_the_counts(tree, tmp_path, capsys):
    path = write_roster(tmp_path / "good.xlsx", [good_row(身份证号=make_id_number())] * 1)
    before = Person.objects.count()

    call_command("import", "members", str(path), "--union", tree.union_a.code)

    assert "新增1人" in capsys.readouterr().out
    assert Person.objects.count() == before + 1
    entry = AuditEntry.objects.get(action="members.roster.imported")
    assert (entry.actor, entry.actor_name, entry.org_unit) == (None, "系统", tree.union_a)
    assert entry.changes["file"] == "good.xlsx"


def test_it_exits_zero_on_a_good_file(tree, tmp_path, keep_connection):
    path = write_roster(tmp_path / "good.xlsx", [good_row(身份证号=make_id_number())])

    main(["import", "members", str(path), "--union", tree.union_a.code])  # no SystemExit


def test_it_prints_each_error_and_exits_non_zero_on_a_bad_file(
    tree, tmp_path, capsys, keep_connection
):
    rows = [
        good_row(身份证号=make_id_number()),
        good_row(身份证号=make_id_number(), 学历="文盲"),
        good_row(身份证号=make_id_number()),
        good_row(身份证号=make_id_number(), 手机号="123", 入会日期="明年"),
    ]
    path = write_roster(tmp_path / "bad.xlsx", rows)
    before = Person.objects.count()

    with pytest.raises(SystemExit) as exit_info:
        main(["import", "members", str(path), "--union", tree.union_a.code])

    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "第3行 [学历] 文盲：学历只能选择" in err
    assert "第5行 [手机号] ***：手机号应为11位" in err  # personal data masked
    assert "第5行 [入会日期] 明年：日期无法识别" in err
    assert "共2行有误（3处），整个文件未导入" in err
    assert Person.objects.count() == before


def test_it_fails_on_an_unknown_union_or_missing_file(tree, tmp_path):
    path = write_roster(tmp_path / "good.xlsx", [good_row()])
    with pytest.raises(CommandError, match="找不到组织代码"):
        call_command("import", "members", str(path), "--union", "NOPE")
    with pytest.raises(CommandError, match="找不到文件"):
        call_command("import", "members", str(tmp_path / "none.xlsx"), "--union", "G0001")
    with pytest.raises(CommandError, match="基层工会"):
        call_command("import", "members", str(path), "--union", tree.street_a.code)
