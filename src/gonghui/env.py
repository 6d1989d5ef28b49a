"""Typed settings helpers that fail loudly on malformed values (Healthchecks style)."""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"环境变量 {name} 应为整数，当前为 {raw!r}") from exc
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"环境变量 {name} 不能小于 {minimum}，当前为 {value}")
    return value


def env_secret(name: str, *, development_default: str, debug: bool) -> str:
    """A key that production must set: with debug off, unset or the published development
    value refuses to start, naming the variable (anyone can read the default in the source)."""
    value = os.environ.get(name, "").strip()
    if value and value != development_default:
        return value
    if debug:
        return development_default
    raise ImproperlyConfigured(
        f"未设置 {name}：关闭调试模式运行时必须设置自己的密钥"
        f"（例如 export {name}=$(openssl rand -base64 48)），"
        "不能使用源代码中公开的开发密钥。"
    )


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]
