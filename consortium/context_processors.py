from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from consortium import contact
from consortium.demo import demo_data_shown


def portal(request):
    """What every page's frame needs: links to this same page in each language, the privacy notice version, the
    ministry's contact, and whether demonstration data is shown (asked only when a page renders the banner)."""
    current = get_language()
    languages = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": in_language(request.get_full_path(), current, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "language_links": languages,
        "alternates": alternates(request, languages, current),
        "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION,
        "contact": contact.ministry(),
        "demo_data_shown": SimpleLazyObject(demo_data_shown),
    }


def in_language(path: str, current: str, language: str) -> str:
    """This page's address in `language`: every public page lives under its language's prefix, which is all that
    changes (the addresses themselves are not translated); anything else, Django works out."""
    prefix = f"/{current}/"
    if path.startswith(prefix):
        return f"/{language}/{path.removeprefix(prefix)}"
    return translate_url(path, language)


def alternates(request, languages: list[dict], current: str) -> list[tuple[str, str]]:
    """(hreflang, absolute address) of this page in every language, and the bare address as x-default.

    The bare address (without a language prefix) redirects each visitor to their own language. Addresses are
    the portal's public ones (PORTAL_BASE_URL), never built from the Host header: an error page answering a
    request for a host the portal does not serve must not ask for it again.
    """
    base = settings.PORTAL_BASE_URL
    links = [(language["code"], base + language["url"]) for language in languages]
    prefix = f"/{current}/"
    path = request.get_full_path()
    if path.startswith(prefix):
        links.append(("x-default", base + "/" + path.removeprefix(prefix)))
    return links
