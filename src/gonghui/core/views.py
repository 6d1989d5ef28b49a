"""Home page: the widgets the apps register (core.home) for the acting role assignment."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse

from gonghui.core.home import home_context


@login_required
def home(request):
    access = request.access
    context: dict = {"title": "首页", "access": access}
    if access.assignment is None:
        context["mode"] = "none"
    else:
        context.update(home_context(access))
    return TemplateResponse(request, "core/home.html", context)
