"""Second factor (TOTP, RFC 6238) for administrators: policy, enrolment, verification, reset.

等保 2.0 level 3: administrators sign in with two combined techniques (password + a code from
any standard authenticator app). Who must: any active assignment with a role in
``GONGHUI_2FA_ROLES`` while ``GONGHUI_2FA_REQUIRED``; anyone who enrolled of their own accord.
Rules and reasons: docs/accounts.md, "双因素认证".
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

import pyotp
import segno
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gonghui.accounts.account_actions import check_account_action, log_account_action
from gonghui.accounts.models import RoleAssignment, SecondFactor, User
from gonghui.accounts.selectors import lockout_window
from gonghui.core import crypto
from gonghui.core.access import Access
from gonghui.core.audit import register_action_labels
from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm

register_action_labels(
    {
        "accounts.user.second_factor_enrolled": "绑定双因素认证",
        "accounts.user.second_factor_reset": "重置双因素认证",
    }
)

ISSUER = "工会平台"
RECOVERY_CODE_COUNT = 10
# Lower case without 0/o, 1/l/i: recovery codes are read off paper and typed in.
_RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
BAD_CODE = "动态验证码或恢复码不正确"
NOT_ENROLLED = "该账号须使用双因素认证，请先登录网页绑定身份验证器"


def required_for(user: User) -> bool:
    """Whether ``user`` must give a code after the password: by role (configurable), or
    because they enrolled a factor themselves."""
    if not user.is_authenticated:
        return False
    if settings.GONGHUI_2FA_REQUIRED and (
        RoleAssignment.objects.filter(
            user=user, active=True, role__in=settings.GONGHUI_2FA_ROLES
        ).exists()
    ):
        return True
    return SecondFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()


def confirmed_factor(user: User) -> SecondFactor | None:
    return SecondFactor.objects.filter(user=user, confirmed_at__isnull=False).first()


def _hash_recovery(code: str) -> str:
    # Keyed with a label of its own, so a database dump alone cannot test guesses offline.
    key = hashlib.sha256(b"gonghui-recovery-code:" + settings.PII_KEY.encode()).digest()
    normalised = code.strip().lower().replace("-", "").replace(" ", "")
    return hmac.new(key, normalised.encode(), hashlib.sha256).hexdigest()


def _new_recovery_codes() -> list[str]:
    def one() -> str:
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        return f"{raw[:5]}-{raw[5:]}"

    return [one() for _ in range(RECOVERY_CODE_COUNT)]


def totp(factor: SecondFactor) -> pyotp.TOTP:
    return pyotp.TOTP(crypto.decrypt(factor.secret))


def provisioning_uri(factor: SecondFactor) -> str:
    return totp(factor).provisioning_uri(name=factor.user.get_username(), issuer_name=ISSUER)


def qr_svg(factor: SecondFactor) -> str:
    """The otpauth:// URI as an inline SVG QR code (made here: no internet, no script)."""
    return segno.make(provisioning_uri(factor), error="m").svg_inline(scale=4, title="扫码绑定")


def enrolment_start(*, actor: Access) -> SecondFactor:
    """The acting user's unconfirmed factor (created with a new secret on first call), whose
    secret the enrolment page shows until a first code confirms it."""
    user = actor.user
    factor = SecondFactor.objects.filter(user=user).first()
    if factor is not None and factor.confirmed_at is not None:
        raise DomainError("您已绑定身份验证器；如需更换，请联系安全管理员重置")
    if factor is None:
        factor = SecondFactor.objects.create(
            user=user, secret=crypto.encrypt(pyotp.random_base32())
        )
    return factor


def _matching_step(factor: SecondFactor, code: str) -> int | None:
    """The time step (±1 for clock drift) whose code is ``code``, newer than the last used."""
    code = code.strip().replace(" ", "")
    if len(code) != 6 or not code.isdigit():
        return None
    generator = totp(factor)
    now_step = generator.timecode(timezone.now())
    for step in (now_step - 1, now_step, now_step + 1):
        if factor.last_step is not None and step <= factor.last_step:
            continue  # replay: this code (or an older one) was already used
        if hmac.compare_digest(generator.at(step * generator.interval), code):
            return step
    return None


class SecondFactorLocked(DomainError):
    """Too many wrong codes in a row: every code is refused until the window passes."""


def _locked_message() -> str:
    minutes = int(lockout_window().total_seconds() // 60)
    return f"动态验证码错误次数过多，请 {minutes} 分钟后再试，或联系安全管理员解锁"


def _check_not_locked(factor: SecondFactor) -> None:
    if factor.failures >= settings.AXES_FAILURE_LIMIT:
        if factor.failed_at and timezone.now() - factor.failed_at < lockout_window():
            raise SecondFactorLocked(_locked_message(), field="code")
        factor.failures = 0  # the lockout window has passed


def _fail(factor: SecondFactor) -> None:
    factor.failures += 1
    factor.failed_at = timezone.now()
    factor.save(update_fields=["failures", "failed_at"])


def enrolment_confirm(*, actor: Access, code: str, ip: str | None = None) -> list[str]:
    """Confirms the acting user's new factor with a first code; returns the recovery codes
    (shown once, stored only as hashes). A wrong code counts as in ``verify``."""
    # The error is raised after the commit, so that the counted failure stays counted.
    with transaction.atomic():
        codes = _confirm(actor=actor, code=code, ip=ip)
    if codes is None:
        raise DomainError(
            "动态验证码不正确，请核对手机时间后输入应用中当前显示的 6 位数字", field="code"
        )
    return codes


def _confirm(*, actor: Access, code: str, ip: str | None) -> list[str] | None:
    factor = SecondFactor.objects.select_for_update().filter(user=actor.user).first()
    if factor is None or factor.confirmed_at is not None:
        raise DomainError("没有待绑定的身份验证器，请刷新页面重新开始", field="code")
    _check_not_locked(factor)
    step = _matching_step(factor, code)
    if step is None:
        _fail(factor)
        return None
    codes = _new_recovery_codes()
    factor.last_step = step
    factor.confirmed_at = timezone.now()
    factor.failures = 0
    factor.recovery_codes = [_hash_recovery(c) for c in codes]
    factor.save()
    log_account_action(
        actor=actor,
        user=actor.user,
        action="accounts.user.second_factor_enrolled",
        changes={"second_factor": "已绑定", "recovery_codes": f"{len(codes)} 个"},
        ip=ip,
    )
    return codes


def verify(*, user: User, code: str) -> str:
    """Checks a sign-in code: a TOTP code newer than the last accepted, or an unused recovery
    code (then spent). Returns "totp" or "recovery". Wrong codes count; after
    ``GONGHUI_LOGIN_FAILURE_LIMIT`` of them in a row the factor refuses every code for
    ``GONGHUI_LOCKOUT_MINUTES`` (or until the 安全管理员 unlocks the account).
    The row lock makes parallel guesses and a replayed code wait for each other."""
    # The error is raised after the commit, so that the counted failure stays counted.
    with transaction.atomic():
        kind, left = _verify(user=user, code=code)
    if kind is not None:
        return kind
    if left <= 0:
        raise SecondFactorLocked(_locked_message(), field="code")
    raise DomainError(f"{BAD_CODE}，还可尝试 {left} 次", field="code")


def _verify(*, user: User, code: str) -> tuple[str | None, int]:
    factor = (
        SecondFactor.objects.select_for_update()
        .filter(user=user, confirmed_at__isnull=False)
        .first()
    )
    if factor is None:
        raise DomainError(NOT_ENROLLED, field="code")
    _check_not_locked(factor)
    step = _matching_step(factor, code)
    if step is not None:
        factor.last_step = step
        factor.failures = 0
        factor.save(update_fields=["last_step", "failures"])
        return "totp", 0
    hashed = _hash_recovery(code)
    if code.strip() and hashed in factor.recovery_codes:
        factor.recovery_codes = [h for h in factor.recovery_codes if h != hashed]
        factor.failures = 0
        factor.save(update_fields=["recovery_codes", "failures"])
        return "recovery", 0
    _fail(factor)
    return None, settings.AXES_FAILURE_LIMIT - factor.failures


def clear_failures(user: User) -> int:
    """Unlocking an account also clears its wrong-code count (user_unlock)."""
    return SecondFactor.objects.filter(user=user, failures__gt=0).update(failures=0)


@transaction.atomic
def reset(*, actor: Access, user: User, ip: str | None = None) -> None:
    """Removes ``user``'s factor: they enrol again at next sign-in. The 安全管理员 in scope,
    never on another 三员 account (三员分立 rule 3: the console does that), nor their own."""
    check_account_action(
        Perm.MANAGE_ROLES,
        actor=actor,
        user=user,
        message="只有安全管理员可以重置双因素认证",
        doing="重置其双因素认证",
        not_own="不能重置自己的双因素认证，请联系其他安全管理员",
    )
    deleted, _ = SecondFactor.objects.filter(user=user).delete()
    if not deleted:
        raise DomainError(f"“{user}”尚未绑定双因素认证")
    log_account_action(
        actor=actor,
        user=user,
        action="accounts.user.second_factor_reset",
        changes={"second_factor": "已重置，下次登录须重新绑定"},
        ip=ip,
    )
