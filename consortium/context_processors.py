from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info


def portal(request):
    """What every page's frame needs: links to this same page in each language, the privacy notice version."""
    current = get_language()
    languages = [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(request.get_full_path(), code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {"language_links": languages, "privacy_notice_version": settings.PRIVACY_NOTICE_VERSION}
