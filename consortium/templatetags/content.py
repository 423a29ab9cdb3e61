"""`{% translated meeting "title" %}`: a text staff write per language, marked with its language if it fell back.

With `as name` the value can go into `{% blocktranslate %}` or be taken apart: `name.text` for a `<title>` or a
plain-text email, `name.lang_attr` on an element that holds a longer text.
"""

from django import template

from consortium.translated import Translated
from consortium.translated import translated as translated_field

register = template.Library()


@register.simple_tag
def translated(instance, field: str) -> Translated:
    return translated_field(instance, field)
