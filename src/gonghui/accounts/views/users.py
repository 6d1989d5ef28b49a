"""用户管理 (系统管理员) and 角色授权 (安全管理员): 三员分立 split between the two roles."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from rest_framework.authtoken.models import Token

from gonghui.accounts import services
from gonghui.accounts.forms import AssignmentForm, PasswordResetForm, UserCreateForm
from gonghui.accounts.models import SecondFactor
from gonghui.accounts.selectors import (
    assignments_for,
    failed_attempts,
    get_assignment_for,
    get_user_for,
    separated_role_of,
    users_for_list,
)
from gonghui.accounts.tables import UserTable
from gonghui.accounts.views._common import (
    any_perm_required,
    list_crumb,
    no_store,
    user_action,
    user_crumbs,
    user_form,
    user_step,
)
from gonghui.core.audit import client_ip
from gonghui.core.records import run_form
from gonghui.core.roles import Perm
from gonghui.core.views_tables import TableView
from gonghui.orgs.selectors import orgunits_for

_USERS = (Perm.MANAGE_USERS, Perm.MANAGE_ROLES)


class UserListView(TableView):
    table_class = UserTable
    selector = users_for_list
    create = ("新建用户", "accounts:user_create", Perm.MANAGE_USERS)

    def dispatch(self, request, *args, **kwargs):
        return any_perm_required(*_USERS)(super().dispatch)(request, *args, **kwargs)

    def can_export(self, request) -> bool:
        return any(request.access.has(p) for p in _USERS)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if hasattr(response, "context_data"):
            label = list_crumb(request)[0]
            response.context_data["title"] = label
            response.context_data["breadcrumbs"] = [(label, None)]
        return response


def _show_password(request, user, password: str, heading: str):
    context = {
        "title": heading,
        "shown_user": user,
        "password": password,
        "breadcrumbs": user_crumbs(request, user, (heading, None)),
    }
    return no_store(render(request, "accounts/user_password.html", context))


@any_perm_required(Perm.MANAGE_USERS)
def user_create(request):
    return run_form(
        request,
        UserCreateForm(request.POST or None),
        lambda data: services.user_create(actor=request.access, ip=client_ip(request), **data),
        respond=lambda created: _show_password(request, *created, "用户已创建"),
        title="新建用户",
        submit_label="创建",
        cancel_url=reverse("accounts:user_list"),
        crumbs=[list_crumb(request)],
    )


@any_perm_required(*_USERS)
def user_detail(request, pk):
    access = request.access
    user = get_user_for(access, pk)
    visible = list(assignments_for(access).filter(user=user).order_by("-active", "pk"))
    hidden = user.assignments.filter(active=True).count() - sum(1 for a in visible if a.active)
    attempts = failed_attempts(user.username)
    context = {
        "title": f"用户：{user}",
        "shown_user": user,
        "assignments": visible,
        "hidden_count": max(hidden, 0),
        "failed_attempts": attempts,
        "locked": attempts >= settings.AXES_FAILURE_LIMIT,
        "is_self": user.pk == request.user.pk,
        # 三员分立: another administrator's account is changed only on the console.
        "separated": None if user.pk == request.user.pk else separated_role_of(user),
        "can_manage_users": access.has(Perm.MANAGE_USERS),
        "can_manage_roles": access.has(Perm.MANAGE_ROLES),
        "has_token": Token.objects.filter(user=user).exists(),
        "has_second_factor": SecondFactor.objects.filter(
            user=user, confirmed_at__isnull=False
        ).exists(),
        "breadcrumbs": [list_crumb(request), (str(user), None)],
    }
    return render(request, "accounts/user_detail.html", context)


@any_perm_required(Perm.MANAGE_USERS)
def user_reset_password(request, pk):
    user = get_user_for(request.access, pk)
    return user_form(
        request,
        user,
        PasswordResetForm(request.POST or None),
        services.user_reset_password,
        respond=lambda password: _show_password(request, user, password, "密码已重置"),
        title=f"重置密码：{user}",
        submit_label="重置密码",
    )


user_unlock = user_step(
    *_USERS,
    service=services.user_unlock,
    success="已解除“{user}”的登录锁定",
    title="解除锁定",
    question="确定解除用户“{user}”（{user.username}）的登录锁定吗？",
    confirm_label="解除锁定",
)


@any_perm_required(Perm.MANAGE_ROLES)
def assignment_create(request, pk):
    user = get_user_for(request.access, pk)
    return user_form(
        request,
        user,
        AssignmentForm(request.POST or None, units=orgunits_for(request.access)),
        services.assignment_grant,
        success=lambda assignment: f"已授予“{user}”{assignment}",
        title=f"授予角色：{user}",
        submit_label="授予",
    )


@any_perm_required(Perm.MANAGE_ROLES)
def assignment_revoke(request, pk):
    assignment = get_assignment_for(request.access, pk)
    user = assignment.user
    return user_action(
        request,
        user,
        services.assignment_revoke,
        on={"assignment": assignment},
        success=f"已撤销“{user}”的{assignment}",
        title="撤销角色",
        question=f"确定撤销用户“{user}”在{assignment}的授权吗？撤销后该授权保留在记录中。",
        confirm_label="撤销",
    )
