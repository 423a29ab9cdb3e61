"""`{% replies_of registration as replies %}`: the applicant's replies with their files, for the admin page."""

from django import template

register = template.Library()


@register.simple_tag
def replies_of(registration):
    return registration.replies.prefetch_related("files") if registration is not None else []
