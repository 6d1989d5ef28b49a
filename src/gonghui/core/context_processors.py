"""The shell's context: the sidebar menu for the acting role, and the unit switcher."""

from __future__ import annotations

from gonghui.core.menu import menu_for


def shell(request):
    access = getattr(request, "access", None)
    if access is None or not request.user.is_authenticated:
        return {}
    return {"access": access, "menu": menu_for(access, request.path)}
