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

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings


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
    return aead.decrypt(raw[:12], raw[12:], None).decode()


def blind_index(value: str) -> str:
    _, key = _keys(settings.PII_KEY)
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
