"""Forms of the account pages. They parse input; the rules live in accounts.services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms

from gonghui.core.roles import DataScope, Role

PASSWORD_HELP = (
    "至少8位，包含大写字母、小写字母、数字、符号中的至少三类；"
    "不能是常见密码，不能与用户名或姓名相近，不能与最近使用过的密码相同。"
)


class _Relabelled:
    """A Django form whose inherited fields get Chinese labels, help texts and "required"
    messages from ``labels``, ``help_texts`` and ``required``."""

    labels: dict[str, str] = {}
    help_texts: dict[str, str] = {}
    required: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            self.fields[name].label = label
        for name, text in self.help_texts.items():
            self.fields[name].help_text = text
        for name, message in self.required.items():
            self.fields[name].error_messages["required"] = message


class LoginForm(_Relabelled, auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误",
        "inactive": "该账号已停用，请联系系统管理员",
    }
    labels = {"username": "用户名", "password": "密码"}
    required = {"username": "请输入用户名", "password": "请输入密码"}


class PasswordChangeForm(_Relabelled, auth_forms.PasswordChangeForm):
    error_messages = {
        "password_incorrect": "原密码不正确，请重新输入",
        "password_mismatch": "两次输入的新密码不一致",
    }
    labels = {"old_password": "原密码", "new_password1": "新密码", "new_password2": "确认新密码"}
    help_texts = {"new_password1": PASSWORD_HELP, "new_password2": ""}


def _initial_password_field() -> forms.CharField:
    return forms.CharField(
        label="初始密码",
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="留空则自动生成强密码（只显示一次）。" + PASSWORD_HELP,
    )


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label="用户名", max_length=150, help_text="登录用，字母、数字或 @/./+/-/_"
    )
    full_name = forms.CharField(label="姓名", max_length=50)
    password = _initial_password_field()
    id_number = forms.CharField(
        label="关联职工身份证号",
        required=False,
        max_length=18,
        help_text="职工本人使用的账号填写，用于关联其会员档案（授予“职工”角色需要）。",
    )


class PasswordResetForm(forms.Form):
    password = _initial_password_field()


class AssignmentForm(forms.Form):
    org_unit = forms.ModelChoiceField(label="组织", queryset=None, empty_label="请选择组织")
    role = forms.ChoiceField(label="角色", choices=[("", "请选择角色"), *Role.choices])
    data_scope = forms.ChoiceField(
        label="数据范围",
        required=False,
        choices=[("", "按角色默认"), *DataScope.choices],
        help_text="职工只能是“仅本人”；“全部”只用于顶级组织。",
    )

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units.order_by("path")
        self.fields["org_unit"].label_from_instance = lambda u: "\u3000" * (u.depth - 1) + u.name


class SecondFactorCodeForm(forms.Form):
    code = forms.CharField(
        label="动态验证码",
        max_length=20,
        strip=True,
        help_text="身份验证器应用中显示的 6 位数字；手机不在身边时可输入一个恢复码",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
        error_messages={"required": "请输入动态验证码"},
    )
