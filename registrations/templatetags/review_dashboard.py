from django import template

from registrations.admin import dashboard

register = template.Library()


@register.inclusion_tag("admin/registrations/dashboard.html", takes_context=True)
def review_dashboard(context):
    return dashboard.for_user(context["request"].user)
