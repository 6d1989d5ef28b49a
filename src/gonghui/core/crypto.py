"""PII at rest: AES-GCM encryption plus an HMAC-SHA256 blind index for exact lookup.

The keys derive from settings.PII_KEY with distinct labels, so the index cannot be used
to decrypt and the session SECRET_KEY can rotate independently.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from functools import cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings


class PIIKeyError(RuntimeError):
    """A stored cipher does not open with the configured PII_KEY."""


@cache
def _keys(pii_key: str) -> tuple[AESGCM, bytes]:
    enc = hashlib.sha256(b"gonghui-pii-encryption:" + pii_key.encode()).digest()
    idx = hashlib.sha256(b"gonghui-pii-blind-index:" + pii_key.encode()).digest()
    return AESGCM(enc), idx


def encrypt(plain: str) -> str:
    aead, _ = _keys(settings.PII_KEY)
    nonce = os.urandom(12)
    return base64.b64encode(nonce + aead.encrypt(nonce, plain.encode(), None)).decode()


def decrypt(token: str) -> str:
    if not token:
        return ""
    aead, _ = _keys(settings.PII_KEY)
    raw = base64.b64decode(token)
    try:
        return aead.decrypt(raw[:12], raw[12:], None).decode()
    except InvalidTag as exc:
        # Never answer "" or garbage: a wrong key would otherwise look like missing data.
        raise PIIKeyError(
            "无法解密个人信息：GONGHUI_PII_KEY 与加密时使用的密钥不一致（或密文已损坏）"
        ) from exc


def blind_index(value: str) -> str:
    _, key = _keys(settings.PII_KEY)
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
