"""Secret links: long random tokens, of which only a hash is stored."""

import base64
import hashlib
import re
import secrets

from django.utils.crypto import salted_hmac

# Links that carry a secret token; the token must not outlive its email in stored copies or in logs.
SECRET_LINK = re.compile(r"(/(?:register/edit|events/signup)/)[A-Za-z0-9_-]{16,}")
REDACTED_LINK = re.compile(r"/(?:register/edit|events/signup)/…")


def new_token() -> tuple[str, str]:
    """A fresh token for a link and the hash to store in its place."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def redact_secret_links(text: str) -> str:
    return SECRET_LINK.sub(r"\1…", text)


def derive_token(purpose: str, nonce: str) -> str:
    """The secret of a link, worked out from its stored nonce and the SECRET_KEY.

    A later email can then carry the same link again (a reminder, an update) without the link being stored:
    reading the database alone is not enough to act for someone.
    """
    digest = salted_hmac(f"consortium.link.{purpose}", nonce, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def has_redacted_links(text: str) -> bool:
    """Whether `text` held a secret link that redact_secret_links removed."""
    return REDACTED_LINK.search(text or "") is not None
