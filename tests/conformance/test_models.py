"""Every concrete Gonghui model, read through ``scoped`` by every persona.

The list of models is not written down here: it is whatever django.apps reports, so a model
added tomorrow fails until tests/conformance/fixtures.py knows how to build one of its rows.
"""

import pytest
from django.apps import apps

from gonghui.core.access import ANONYMOUS
from gonghui.core.discovery import gonghui_apps
from gonghui.core.scoping import scoped
from tests.conformance.fixtures import BUILDERS, EXEMPT, World

SEES = ("owner", "parent")
BLIND = ("sibling", "outsider_worker")


def gonghui_models():
    """The models of the gonghui package and of every discovered app (a work line installed
    from elsewhere, such as the test-only tests/example_app, included)."""
    discovered = {app.label for app in gonghui_apps()}
    return [
        m
        for m in apps.get_models()
        if m.__module__.startswith("gonghui.") or m._meta.app_label in discovered
    ]


LABELS = [m._meta.label for m in gonghui_models()]


def test_it_has_a_scope_fixture_for_every_model():
    missing = [label for label in LABELS if label not in BUILDERS and label not in EXEMPT]
    assert not missing, "\n".join(
        f"model {label} has no scope fixture: add a builder to tests/conformance/fixtures.py"
        for label in missing
    )
    stale = sorted(set(BUILDERS) - set(LABELS))
    assert not stale, f"fixtures.py registers models that do not exist: {stale}"


@pytest.mark.parametrize("label", [label for label in LABELS if label in BUILDERS])
def test_it_scopes_the_owners_row_for_every_persona(label, tree, personas):
    model = apps.get_model(label)
    row = World(tree, personas).get(label)
    assert isinstance(row, model)

    def rows(access):
        return scoped(access, model.objects.all())

    for name in SEES:
        assert rows(personas[name].access).filter(pk=row.pk).exists(), f"{name} must see {label}"
    for name in BLIND:
        assert not rows(personas[name].access).filter(pk=row.pk).exists(), (
            f"{name} must not see {label} of union_a"
        )
    assert not rows(ANONYMOUS).exists()
    for name in (*SEES, *BLIND):
        qs = rows(personas[name].access)
        assert qs.count() == qs.values("pk").distinct().count(), f"{label} repeats rows"
