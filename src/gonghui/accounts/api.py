"""API token endpoint: POST username/password, receive a token for ``Authorization: Token …``."""

from __future__ import annotations

from axes.helpers import get_cool_off, get_lockout_response
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from gonghui.accounts import second_factor, services
from gonghui.accounts.attempts import one_attempt_at_a_time
from gonghui.accounts.signals import log_login
from gonghui.core.access import access_for
from gonghui.core.api import MUST_CHANGE_PASSWORD
from gonghui.core.api_fields import optional_text
from gonghui.core.errors import DomainError

BAD_CREDENTIALS = "用户名或密码错误"


def locked_message(request) -> str:
    cool_off = get_cool_off(request)
    wait = f"请 {int(cool_off.total_seconds() // 60)} 分钟后再试" if cool_off else "请"
    return f"登录失败次数过多，账号已被锁定，{wait}或联系安全管理员解锁"


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label="用户名")
    password = serializers.CharField(label="密码", style={"input_type": "password"})
    otp = optional_text(
        "动态验证码",
        20,
        help_text="须双因素认证的账号必填：身份验证器中的 6 位数字（或一个恢复码）",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(label="令牌", read_only=True)


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


class ObtainTokenView(APIView):
    """Exchanges a username and password for the user's API token.

    Authentication goes through ``django.contrib.auth.authenticate`` with the Django request,
    so django-axes counts failures and locks the account exactly as on the login page, and
    every attempt lands in the login log.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes: list = []

    @extend_schema(
        summary="获取 API 令牌",
        description=(
            "用用户名和密码换取令牌，之后在请求头中发送 `Authorization: Token <令牌>`。"
            "连续 5 次失败账号锁定 15 分钟（返回 429）。"
            "须修改初始密码的账号不发放令牌（返回 403），请先登录网页修改密码。"
            "须双因素认证的账号（三员、总工会管理员等）还须在 `otp` 中填写身份验证器中的动态验证码"
            "（缺少或错误返回 400，连续错误过多返回 429）；尚未绑定身份验证器的返回 403，"
            "请先登录网页绑定。"
            "令牌闲置超过规定时间或签发超过规定天数即失效（返回 401），修改或重置密码时撤销，"
            "失效后重新获取即可。"
        ),
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(description="用户名或密码错误"),
            403: OpenApiResponse(
                DetailSerializer, description="须先登录网页修改初始密码或绑定身份验证器"
            ),
            429: OpenApiResponse(DetailSerializer, description="账号已锁定"),
        },
        auth=[],
    )
    def post(self, request):
        params = TokenRequestSerializer(data=request.data)
        params.is_valid(raise_exception=True)
        django_request = request._request
        credentials = dict(params.validated_data)
        otp = credentials.pop("otp", "")
        # The lockout check, the password and the failure count of one account in turn.
        with one_attempt_at_a_time(credentials["username"]):
            user = authenticate(request=django_request, **credentials)
            if getattr(django_request, "axes_locked_out", False):
                # The configured lockout handler records the lock in the login log, as for the
                # login page; an API client then gets JSON instead of that handler's HTML page,
                # so AxesMiddleware is told the lockout has been answered.
                get_lockout_response(django_request, None, {"username": credentials["username"]})
                django_request.axes_locked_out = False
                return Response(
                    {"detail": locked_message(django_request)},
                    status=status.HTTP_429_TOO_MANY_REQUESTS,
                )
            if user is None:
                return Response(
                    {"non_field_errors": [BAD_CREDENTIALS]}, status=status.HTTP_400_BAD_REQUEST
                )
            if user.must_change_password:
                return Response({"detail": MUST_CHANGE_PASSWORD}, status=status.HTTP_403_FORBIDDEN)
            if second_factor.required_for(user):
                refused = self._second_factor(django_request, user, otp)
                if refused is not None:
                    return refused
            # Logs the success and lets axes reset the failure count, as a page login does.
            user_logged_in.send(sender=user.__class__, request=django_request, user=user)
            token = services.token_issue(actor=access_for(user))  # a new one if it expired
            return Response({"token": token.key})

    @staticmethod
    def _second_factor(request, user, otp: str) -> Response | None:
        """None when the code is right; else the answer. Wrong codes count as on the page."""
        if second_factor.confirmed_factor(user) is None:
            return Response(
                {"detail": second_factor.NOT_ENROLLED}, status=status.HTTP_403_FORBIDDEN
            )
        if not otp:
            return Response(
                {"otp": ["该账号须使用双因素认证，请在 otp 中填写身份验证器中的 6 位动态验证码"]},
                status=status.HTTP_400_BAD_REQUEST,
            )
        try:
            second_factor.verify(user=user, code=otp)
        except second_factor.SecondFactorLocked as exc:
            log_login(request, "otp_failure", user.get_username(), user)
            return Response({"detail": exc.message}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        except DomainError as exc:
            log_login(request, "otp_failure", user.get_username(), user)
            return Response({"otp": [exc.message]}, status=status.HTTP_400_BAD_REQUEST)
        return None
