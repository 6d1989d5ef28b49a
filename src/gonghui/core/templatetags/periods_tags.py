"""Template helpers for statutory deadlines: ``{% load periods_tags %}``."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from gonghui.core.workdays import provisional_between

register = template.Library()

PROVISIONAL_TEXT = "暂定：按法定节假日推算，国务院放假通知发布后将重新计算"


@register.simple_tag
def provisional_badge(start, end):
    """A badge beside a deadline counted across a year whose holiday arrangement has not been
    announced (core.periods); nothing otherwise or when a date is missing."""
    if start is None or end is None or not provisional_between(start, end):
        return ""
    return format_html('<span class="badge warn" title="{}">暂定</span>', PROVISIONAL_TEXT)
