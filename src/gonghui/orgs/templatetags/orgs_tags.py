"""Template helpers of the org pages."""

from django import template
from django.utils.html import format_html

from gonghui.orgs.tables import term_state

register = template.Library()


@register.simple_tag
def term_badge(unit):
    """A badge when the committee term has ended or ends within the reminder window."""
    state = term_state(unit)
    if state == "expired":
        return format_html(
            '<span class="badge bad">任期已于{}届满</span>', f"{unit.term_ends_on:%Y-%m-%d}"
        )
    if state == "due":
        return format_html(
            '<span class="badge warn">任期{}届满</span>', f"{unit.term_ends_on:%Y-%m-%d}"
        )
    return ""
