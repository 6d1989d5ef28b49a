"""The form a 系统管理员 fills from the State Council's notice of a year's holidays."""

from __future__ import annotations

from django import forms

from gonghui.core.forms import Form

LINES_HELP = "每行一个日期或一段日期，可加名称，如“2027-01-01 元旦”“2027-02-05至2027-02-12 春节”"


class HolidayYearForm(Form):
    source = forms.CharField(
        label="依据",
        max_length=200,
        help_text="通知名称及文号，如《国务院办公厅关于2027年部分节假日安排的通知》（国办发明电〔2026〕×号）",
    )
    holidays_text = forms.CharField(
        label="放假日期",
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=LINES_HELP + "；放假期间的周六、周日也请列入",
    )
    workdays_text = forms.CharField(
        label="调休上班日期",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="调休上班的周六、周日，如“2027-02-14 春节调休上班”",
    )
