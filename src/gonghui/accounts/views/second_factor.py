"""双因素认证: enrolment (QR code + secret, first code, recovery codes), the sign-in code step,
and the 安全管理员's reset from a user's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from gonghui.accounts import second_factor
from gonghui.accounts.forms import SecondFactorCodeForm
from gonghui.accounts.middleware import SESSION_SECOND_FACTOR_KEY, second_factor_pending
from gonghui.accounts.models import SecondFactor
from gonghui.accounts.signals import log_login
from gonghui.accounts.views._common import no_store, user_step
from gonghui.core.audit import client_ip
from gonghui.core.errors import DomainError
from gonghui.core.forms import apply_service_error
from gonghui.core.roles import Perm


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("core:home")


def _grouped(secret: str) -> str:
    """The secret in groups of four, as authenticator apps show typed-in keys."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _verified(request) -> None:
    confirmed = SecondFactor.objects.get(user=request.user).confirmed_at
    request.session[SESSION_SECOND_FACTOR_KEY] = [request.user.pk, confirmed.isoformat()]


@login_required
def second_factor_page(request):
    """One address for every state: enrol (no confirmed factor), give the code (confirmed,
    not yet given in this session), or see the status."""
    factor = SecondFactor.objects.filter(user=request.user).first()
    form = SecondFactorCodeForm(request.POST or None)
    context = {"form": form, "next": _next_url(request), "breadcrumbs": [("双因素认证", None)]}
    if factor is None or factor.confirmed_at is None:
        return _enrol(request, form, context)
    if second_factor_pending(request):
        return _verify(request, factor, form, context)
    context.update(
        title="双因素认证",
        factor=factor,
        recovery_left=len(factor.recovery_codes),
    )
    return render(request, "accounts/second_factor_status.html", context)


def _enrol(request, form, context):
    # No recovery codes exist before the first code confirms the authenticator.
    form.fields["code"].help_text = "身份验证器应用中显示的 6 位数字"
    try:
        factor = second_factor.enrolment_start(actor=request.access)
    except DomainError as exc:  # pragma: no cover - the page only offers enrolment when none
        apply_service_error(form, exc)
        factor = None
    if request.method == "POST" and factor is not None and form.is_valid():
        try:
            codes = second_factor.enrolment_confirm(
                actor=request.access, code=form.cleaned_data["code"], ip=client_ip(request)
            )
        except DomainError as exc:
            log_login(request, "otp_failure", request.user.get_username(), request.user)
            apply_service_error(form, exc)
        else:
            _verified(request)
            context.update(title="双因素认证已绑定", codes=codes)
            return no_store(render(request, "accounts/second_factor_codes.html", context))
    context.update(
        title="绑定身份验证器",
        required=second_factor.required_for(request.user) or second_factor_pending(request),
        qr_svg=second_factor.qr_svg(factor) if factor else "",
        secret=_grouped(second_factor.totp(factor).secret) if factor else "",
    )
    return no_store(render(request, "accounts/second_factor_enrol.html", context))


def _verify(request, factor, form, context):
    if request.method == "POST" and form.is_valid():
        try:
            kind = second_factor.verify(user=request.user, code=form.cleaned_data["code"])
        except DomainError as exc:
            log_login(request, "otp_failure", request.user.get_username(), request.user)
            apply_service_error(form, exc)
        else:
            _verified(request)
            log_login(request, "otp_success", request.user.get_username(), request.user)
            if kind == "recovery":
                left = len(SecondFactor.objects.get(pk=factor.pk).recovery_codes)
                messages.warning(
                    request,
                    f"已使用一个恢复码，还剩 {left} 个。"
                    "如手机丢失，请联系安全管理员重置双因素认证。",
                )
            return redirect(context["next"])
    context.update(title="输入动态验证码")
    return render(request, "accounts/second_factor_verify.html", context)


user_reset_second_factor = user_step(
    Perm.MANAGE_ROLES,
    service=second_factor.reset,
    success="已重置“{user}”的双因素认证，其下次登录须重新绑定身份验证器",
    title="重置双因素认证",
    question=(
        "确定重置用户“{user}”（{user.username}）的双因素认证吗？"
        "其原身份验证器和恢复码将全部失效，下次登录须重新绑定。"
    ),
    confirm_label="重置",
    crumbs=lambda user: [
        ("用户管理", reverse("accounts:user_list")),
        (str(user), reverse("accounts:user_detail", args=[user.pk])),
    ],
)
