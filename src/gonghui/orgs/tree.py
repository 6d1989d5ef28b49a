"""Subtree totals for the tree browser and the unit detail page.

Three aggregate queries whatever the size of the tree (units; active members grouped by
union; active covered enterprises grouped by union); the totals are then summed up the tree
in Python by materialised-path prefix, deepest first, so no query runs per unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from gonghui.orgs.choices import EnterpriseStatus, OrgStatus
from gonghui.orgs.models import OrgUnit


@dataclass
class Node:
    unit: OrgUnit
    own_members: int = 0
    own_enterprises: int = 0
    members: int = 0  # subtree totals
    enterprises: int = 0
    descendants: int = 0  # active units below
    children: list[Node] = field(default_factory=list)


def build_tree(units: QuerySet[OrgUnit]) -> tuple[list[Node], dict[str, Node]]:
    """Nodes of the given (scoped) units; returns the roots and a path → node index."""
    nodes = {u.path: Node(u) for u in units.order_by("path")}
    members = units.annotate(
        n=Count("memberships", filter=Q(memberships__status="active"))
    ).values_list("path", "n")
    for path, n in members:
        nodes[path].own_members = nodes[path].members = n
    enterprises = units.annotate(
        n=Count(
            "covered_enterprises",
            filter=Q(covered_enterprises__status=EnterpriseStatus.ACTIVE),
        )
    ).values_list("path", "n")
    for path, n in enterprises:
        nodes[path].own_enterprises = nodes[path].enterprises = n

    step = OrgUnit.steplen
    roots: list[Node] = []
    for path in sorted(nodes, key=len, reverse=True):  # deepest first: children before parents
        node = nodes[path]
        parent = nodes.get(path[:-step])
        if parent is None:
            roots.append(node)
            continue
        parent.members += node.members
        parent.enterprises += node.enterprises
        parent.descendants += node.descendants + (node.unit.status == OrgStatus.ACTIVE)
        parent.children.append(node)
    for node in nodes.values():
        node.children.sort(key=lambda n: n.unit.path)
    roots.sort(key=lambda n: n.unit.path)
    return roots, nodes
