"""The holiday calendar in the database (issue 9): seeded from chinese-calendar, 2027 computed
from 全国年节及纪念日放假办法 (2024 amendment) and provisional until a 系统管理员 enters the State
Council's notice, which recomputes the stored deadlines that depend on it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from gonghui.core import stored_deadlines
from gonghui.core.errors import DomainError
from gonghui.core.holiday_services import holiday_year_set
from gonghui.core.holidays import statutory_days
from gonghui.core.models import AuditEntry, CalendarDay, HolidayYear
from gonghui.core.periods import calendar_period, working_period
from gonghui.core.roles import DataScope, Role
from gonghui.core.stored_deadlines import DeadlineChange
from gonghui.core.workdays import is_workday
from tests.conftest import _persona
from tests.factories import ParameterFactory

pytestmark = pytest.mark.django_db
D = dt.date

NOTICE_2027 = {
    "source": "国务院办公厅关于2027年部分节假日安排的通知（测试用）",
    "holidays_text": "2027-01-01至2027-01-03 元旦\n2027-02-04至2027-02-11 春节\n"
    "2027-10-01至2027-10-07 国庆节",
    "workdays_text": "2027-02-13 春节调休上班\n2027-10-09 国庆节调休上班",
}


@pytest.fixture
def root_sysadmin(tree):
    return _persona(tree.district, Role.SYSTEM_ADMIN, DataScope.ALL, username="root_sys")


@pytest.fixture
def street_sysadmin(tree):
    return _persona(tree.street_a, Role.SYSTEM_ADMIN, username="street_sys")


def test_it_seeds_the_years_chinese_calendar_ships():
    year = HolidayYear.objects.get(year=2025)
    assert not year.provisional
    assert CalendarDay.objects.get(day=D(2025, 10, 1)).is_workday is False
    assert CalendarDay.objects.get(day=D(2025, 10, 11)).is_workday is True  # make-up Saturday


def test_it_keeps_new_years_day_2027_a_holiday_before_the_notice_exists():
    # 办法 art. 2: 元旦 1 January; Friday 1 January 2027 is not a working day.
    assert not HolidayYear.objects.filter(year=2027).exists()
    assert not is_workday(D(2027, 1, 1))
    assert working_period(D(2026, 12, 31), 1).end == D(2027, 1, 4)


def test_it_computes_the_statutory_holidays_of_2027_with_make_up_days_art_6():
    days = statutory_days(2027)
    off = {day for day, (working, _) in days.items() if not working}
    # 春节: 除夕 Friday 5 Feb to 初三 Monday 8 Feb; Sat and Sun made up on Tue 9 and Wed 10.
    assert {D(2027, 2, d) for d in (5, 6, 7, 8, 9, 10)} <= off
    assert days[D(2027, 2, 9)][1] == "春节补假"
    # 清明 on the solar term (Mon 5 April), 端午 (Wed 9 June), 中秋 (Wed 15 September).
    assert {D(2027, 4, 5), D(2027, 6, 9), D(2027, 9, 15)} <= off
    # 劳动节 Sat 1 – Sun 2 May → Mon 3 and Tue 4 May; 国庆 Fri 1 – Sun 3 Oct → Mon 4, Tue 5 Oct.
    assert {D(2027, 5, 3), D(2027, 5, 4), D(2027, 10, 4), D(2027, 10, 5)} <= off
    assert D(2027, 10, 6) not in off
    assert len([d for d in off if d.weekday() < 5]) == 13  # 13 days off work, as the 办法 gives


def test_it_flags_a_deadline_counted_across_2027_as_provisional_until_the_notice(
    root_sysadmin,
):
    before = calendar_period(D(2027, 1, 25), 10)  # Thursday 4 February 2027
    assert before.end == D(2027, 2, 4) and before.provisional
    holiday_year_set(actor=root_sysadmin.access, year=2027, **NOTICE_2027)
    after = calendar_period(D(2027, 1, 25), 10)
    assert after.end == D(2027, 2, 12) and not after.provisional  # 民法典 art. 203
    assert is_workday(D(2027, 2, 13))  # make-up Saturday


def test_it_recomputes_the_stored_deadlines_and_lists_what_moved(root_sysadmin, tree, monkeypatch):
    unit = tree.union_a
    record = ParameterFactory(key="mediation_limit_days", value=15, org_unit=unit, note="文件")

    def recompute(*, years):
        assert years == frozenset({2027})
        new = calendar_period(D(2027, 1, 25), 10).end
        return [DeadlineChange(record=record, label="调解期限", old=D(2027, 2, 4), new=new)]

    monkeypatch.setitem(stored_deadlines._REGISTRY, "测试期限", recompute)
    result = holiday_year_set(actor=root_sysadmin.access, year=2027, **NOTICE_2027)
    assert [(name, c.new) for name, c in result.changes] == [("测试期限", D(2027, 2, 12))]
    entry = AuditEntry.objects.get(action="core.deadline.recomputed")
    assert entry.changes["调解期限"] == ["2027-02-04", "2027-02-12"]
    assert entry.org_unit == unit
    page = root_sysadmin.client().get(reverse("core:holiday_year", args=[2027]))
    assert "2027-02-12" in page.content.decode() and "已公布" in page.content.decode()
    assert AuditEntry.objects.filter(action="core.holiday_year.set").count() == 1


def test_it_refuses_a_notice_entry_from_an_administrator_of_one_branch(street_sysadmin):
    with pytest.raises(DomainError, match="管理全部组织的系统管理员"):
        holiday_year_set(actor=street_sysadmin.access, year=2027, **NOTICE_2027)
    response = street_sysadmin.client().post(reverse("core:holiday_edit", args=[2027]), NOTICE_2027)
    assert response.status_code == 403
    assert not HolidayYear.objects.filter(year=2027).exists()


@pytest.mark.parametrize("who", ["owner", "district_admin", "worker"])
def test_it_keeps_the_pages_from_users_who_do_not_manage_parameters(personas, who):
    for url in (reverse("core:holiday_list"), reverse("core:holiday_year", args=[2027])):
        assert personas[who].client().get(url).status_code in (403, 404)


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("holidays_text", "2027-13-01 元旦", "第1行的日期不存在"),
        ("holidays_text", "2027-01-01 元旦\n明年春节", "第2行无法识别"),
        ("holidays_text", "2026-12-31至2027-01-02 元旦", "第1行的日期不在2027年内"),
        ("holidays_text", "2027-01-05至2027-01-03", "结束日期早于开始日期"),
        ("workdays_text", "2027-02-10 上班", "2027-02-10既列为放假又列为上班"),
        ("workdays_text", "2027-02-15", "是工作日，无需列为调休上班"),
    ],
)
def test_it_names_what_is_wrong_in_the_notice_and_saves_nothing(
    root_sysadmin, field, text, message
):
    data = {**NOTICE_2027, field: text}
    response = root_sysadmin.client().post(reverse("core:holiday_edit", args=[2027]), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_it_shows_2027_as_provisional_and_warns_of_a_festival_left_out(root_sysadmin):
    page = root_sysadmin.client().get(reverse("core:holiday_list")).content.decode()
    assert "2027年" in page and "暂定" in page and "录入放假通知" in page
    response = root_sysadmin.client().post(
        reverse("core:holiday_edit", args=[2027]), NOTICE_2027, follow=True
    )
    text = response.content.decode()
    assert "已保存2027年节假日安排" in text
    assert "2027-04-05（清明节）" in text  # the test notice leaves 清明 out


def test_it_keeps_an_entered_year_when_the_package_is_synced_again(root_sysadmin):
    from gonghui.core.holiday_services import calendar_sync_package

    holiday_year_set(
        actor=root_sysadmin.access,
        year=2026,
        source="更正",
        holidays_text="2026-01-01 元旦",
        workdays_text="",
    )
    assert 2026 not in calendar_sync_package()
    assert HolidayYear.objects.get(year=2026).source == "更正"


def _sheet(rows, headers=("开始日期", "结束日期", "类型", "名称")):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = BytesIO()
    wb.save(buffer)
    return SimpleUploadedFile(
        "notice.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def test_it_reads_a_notice_sheet_into_the_form_without_saving_it(root_sysadmin):
    sheet = _sheet(
        [
            (D(2027, 1, 1), D(2027, 1, 3), "放假", "元旦"),
            ("2027-02-04", "2027-02-11", "放假", "春节"),
            ("2027/2/13", None, "补班", "春节调休上班"),
        ]
    )
    client = root_sysadmin.client()
    response = client.post(reverse("core:holiday_import", args=[2027]), {"file": sheet})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["holidays_text"] == (
        "2027-01-01至2027-01-03 元旦\n2027-02-04至2027-02-11 春节"
    )
    assert form.initial["workdays_text"] == "2027-02-13 春节调休上班"
    assert "已从Excel读取3行" in response.content.decode()
    assert not HolidayYear.objects.filter(year=2027).exists()  # saved only by the form


def test_it_names_every_bad_row_of_a_notice_sheet(root_sysadmin):
    sheet = _sheet(
        [
            ("2027-01-01", None, "放假", "元旦"),
            ("2027-13-01", None, "放假", ""),
            ("2026-12-31", None, "放假", ""),
            ("2027-02-04", "2027-02-01", "放假", ""),
            ("2027-02-13", None, "加班", ""),
        ]
    )
    response = root_sysadmin.client().post(
        reverse("core:holiday_import", args=[2027]), {"file": sheet}
    )
    problems = response.context["sheet_problems"]
    text = "\n".join(problems)
    assert "第3行 [开始日期] 2027-13-01：日期不存在" in text
    assert "第4行 [开始日期] 2026-12-31：日期不在2027年内" in text
    assert "第5行 [结束日期] 2027-02-01：早于开始日期" in text
    assert "第6行 [类型] 加班：类型只能选择" in text
    assert len(problems) == 4
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_it_refuses_a_notice_sheet_that_is_not_a_workbook(root_sysadmin):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("notice.xlsx", b"not a zip at all")
    response = root_sysadmin.client().post(
        reverse("core:holiday_import", args=[2027]), {"file": fake}
    )
    assert response.status_code == 200
    assert response.context["sheet_problems"]
    assert not HolidayYear.objects.filter(year=2027).exists()


def test_it_keeps_the_notice_sheet_from_an_administrator_of_one_branch(street_sysadmin):
    sheet = _sheet([("2027-01-01", None, "放假", "元旦")])
    client = street_sysadmin.client()
    assert (
        client.post(reverse("core:holiday_import", args=[2027]), {"file": sheet}).status_code == 403
    )
    assert client.get(reverse("core:holiday_template", args=[2027])).status_code == 403


def test_it_offers_a_notice_template_the_reader_takes_back(root_sysadmin):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from openpyxl import load_workbook

    response = root_sysadmin.client().get(reverse("core:holiday_template", args=[2027]))
    assert response.status_code == 200
    workbook = load_workbook(BytesIO(response.content))
    assert [c.value for c in workbook.active[1]] == ["开始日期", "结束日期", "类型", "名称"]
    workbook.active.append(["2027-05-01", "2027-05-05", "放假", "劳动节"])
    buffer = BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("t.xlsx", buffer.getvalue())
    response = root_sysadmin.client().post(
        reverse("core:holiday_import", args=[2027]), {"file": upload}
    )
    assert response.context["form"].initial["holidays_text"] == "2027-05-01至2027-05-05 劳动节"


@pytest.mark.parametrize(
    ("today", "shown"),
    [
        (D(2026, 10, 31), []),  # before the reminder month: 2026 is announced, 2027 not yet due
        (D(2026, 11, 1), ["2027年节假日安排尚未录入"]),
        (D(2027, 3, 1), ["2027年节假日安排尚未录入"]),  # the current year, at any time
    ],
)
def test_it_reminds_the_calendar_administrator_to_enter_next_years_notice(
    root_sysadmin, street_sysadmin, monkeypatch, today, shown
):
    from django.utils import timezone

    from gonghui.core.holiday_home import holiday_notice_alerts

    monkeypatch.setattr(timezone, "localdate", lambda *a: today)
    assert [a.label for a in holiday_notice_alerts(root_sysadmin.access)] == shown
    assert holiday_notice_alerts(street_sysadmin.access) == []


def test_it_stops_reminding_once_the_notice_is_entered(root_sysadmin, monkeypatch):
    from django.utils import timezone

    from gonghui.core.holiday_home import holiday_notice_alerts

    monkeypatch.setattr(timezone, "localdate", lambda *a: D(2026, 12, 7))
    home = root_sysadmin.client().get(reverse("core:home")).content.decode()
    assert "2027年节假日安排尚未录入" in home
    holiday_year_set(actor=root_sysadmin.access, year=2027, **NOTICE_2027)
    assert holiday_notice_alerts(root_sysadmin.access) == []
