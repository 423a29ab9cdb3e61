"""Who is asking: the client's address, as the reverse proxies in front of the portal report it.

One function for every per-client decision (the public form limit and django-axes' staff lock-out).
"""

from django.conf import settings
from ipware import get_client_ip

FORWARDED = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
DIRECT = ("REMOTE_ADDR",)
UNKNOWN = "0.0.0.0"  # noqa: S104 (an address to count under, not one to listen on)


def client_address(request) -> str:
    """The address the request came from; behind TRUSTED_PROXY_COUNT proxies, the one the outermost saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the client is the entry
    the outermost trusted proxy appended: whatever a client writes further left is ignored.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        # django-ipware counts the proxies listed in the header: all but the innermost, which is REMOTE_ADDR.
        address, _routable = get_client_ip(
            request, proxy_count=proxies - 1, strict=False, request_header_order=FORWARDED
        )
    else:
        address, _routable = get_client_ip(request, request_header_order=DIRECT)
    # No address at all (a server listening on a socket file without a proxy header): the unspecified address,
    # so that limits and the lock-out still count, all such requests together.
    return address or request.META.get("REMOTE_ADDR") or UNKNOWN
