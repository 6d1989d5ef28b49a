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
    entries: list[tuple[MenuItem, str]] = []
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
        entries.append((item, url))
    # Only the deepest entry containing the current page is highlighted (/members/import/
    # belongs to 名册导入, not also to 会员名册 at /members/).
    matches = [
        url
        for _, url in entries
        if current_path == url or (url != "/" and current_path.startswith(url))
    ]
    active_url = max(matches, key=len, default=None)
    groups: dict[str, list[dict]] = {}
    for item, url in entries:
        groups.setdefault(item.group, []).append(
            {"label": item.label, "url": url, "active": url == active_url}
        )
    return [{"group": g, "items": items} for g, items in groups.items()]
