"""Secret links: long random tokens, of which only a hash is stored."""

import hashlib
import re
import secrets

# Links that carry a secret token; the token must not outlive its email in stored copies or in logs.
SECRET_LINK = re.compile(r"(/(?:register/edit|events/signup)/)[A-Za-z0-9_-]{16,}")


def new_token() -> tuple[str, str]:
    """A fresh token for a link and the hash to store in its place."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def redact_secret_links(text: str) -> str:
    return SECRET_LINK.sub(r"\1…", text)
