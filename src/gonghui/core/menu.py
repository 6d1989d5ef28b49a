"""Sidebar menu by role. Apps append their entries with register_menu() in AppConfig.ready."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from gonghui.core.roles import Perm


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    perm: Perm | None
    group: str
    order: int = 100


_ITEMS: list[MenuItem] = []


def register_menu(*items: MenuItem) -> None:
    _ITEMS.extend(items)
    _ITEMS.sort(key=lambda i: i.order)


def menu_for(access, current_path: str) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    seen: set[str] = set()
    for item in _ITEMS:
        if item.perm is not None and not access.has(item.perm):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        if url in seen:  # two roles' entries may lead to the same page
            continue
        seen.add(url)
        active = current_path == url or (url != "/" and current_path.startswith(url))
        groups.setdefault(item.group, []).append(
            {"label": item.label, "url": url, "active": active}
        )
    return [{"group": g, "items": items} for g, items in groups.items()]
