"""Database constraints as the apps declare them: a rule, its name, and the Chinese message a
form or the API shows when a write breaks it (``violation_error_message``).

They build the plain Django constraints (the same migrations as spelling them out), so a rule
is one line in a model's Meta instead of five, and the common shapes — "an end date not before
its start", "a part not above its total", "a date filled exactly in a state" — are written once
here. ``constraint_errors`` turns a write the database refuses back into that message (a
``DomainError``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q

from gonghui.core.errors import DomainError


def check(condition: Q, name: str, message: str) -> models.CheckConstraint:
    """A CHECK constraint with its Chinese violation message."""
    return models.CheckConstraint(condition=condition, name=name, violation_error_message=message)


def unique(
    fields: Sequence[str], name: str, message: str, *, condition: Q | None = None
) -> models.UniqueConstraint:
    """A UNIQUE constraint (partial when ``condition`` is given) with its Chinese message."""
    return models.UniqueConstraint(
        fields=list(fields), condition=condition, name=name, violation_error_message=message
    )


def not_before(
    later: str,
    earlier: str,
    name: str,
    message: str,
    *,
    optional: bool = True,
    strict: bool = False,
) -> models.CheckConstraint:
    """``later`` is on or after ``earlier`` (``strict``: after). ``optional``: ``later`` may be
    empty (an open end, a case not closed yet)."""
    condition = Q(**{f"{later}__{'gt' if strict else 'gte'}": F(earlier)})
    if optional:
        condition = Q(**{f"{later}__isnull": True}) | condition
    return check(condition, name, message)


def at_most(part: str, whole: str, name: str, message: str) -> models.CheckConstraint:
    """``part`` never exceeds ``whole`` (women among the employees, present among the total)."""
    return check(Q(**{f"{part}__lte": F(whole)}), name, message)


def filled_exactly_when(
    field: str, state: Mapping[str, object], name: str, message: str, *, filled: bool = True
) -> models.CheckConstraint:
    """``field`` is filled (``filled=False``: empty) on the rows in ``state`` and only on them:
    a 缴费日期 exactly when 已缴费, a 转出日期 exactly when the membership is not 在册."""
    return check(
        Q(**state, **{f"{field}__isnull": not filled})
        | (~Q(**state) & Q(**{f"{field}__isnull": filled})),
        name,
        message,
    )


# --- a violated constraint as the message it declares ----------------------------------------

# SQLite names the columns of a unique violation and the constraint of a failed check;
# PostgreSQL names the constraint (or unique index) and lists the key's columns in the detail.
_SQLITE_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)")
_SQLITE_CHECK = re.compile(r"CHECK constraint failed: (\w+)")
_PG_KEY = re.compile(r"Key \((.+?)\)=")


def _violated(exc: IntegrityError) -> tuple[str | None, str | None, frozenset[str]]:
    """The table, the constraint name and the columns a database error names (each may be
    missing: SQLite's failed check names only the constraint)."""
    cause = exc.__cause__
    diag = getattr(cause, "diag", None)
    if diag is not None:  # psycopg
        key = _PG_KEY.search(diag.message_detail or "")
        columns = frozenset(c.strip() for c in key.group(1).split(",")) if key else frozenset()
        return diag.table_name, diag.constraint_name, columns
    text = str(exc)
    if found := _SQLITE_CHECK.search(text):
        return None, found.group(1), frozenset()
    if found := _SQLITE_UNIQUE.search(text):
        pairs = [c.strip().rsplit(".", 1) for c in found.group(1).split(",")]
        return pairs[0][0] if len(pairs[0]) == 2 else None, None, frozenset(p[-1] for p in pairs)
    return None, None, frozenset()


def _rules(model: type[models.Model]):
    """(name, columns, message, field) of every constraint of ``model`` a write can break: its
    Meta constraints and its unique columns."""
    for rule in model._meta.constraints:
        fields = list(getattr(rule, "fields", ()))
        columns = frozenset(model._meta.get_field(f).column for f in fields)
        field = fields[-1] if fields else None
        yield rule.name, columns, rule.violation_error_message, field
    for f in model._meta.concrete_fields:
        if f.unique and not f.primary_key:
            message = f.error_messages["unique"]
            if message == models.Field.default_error_messages["unique"]:
                # Django's wording reads as a translation; say what is already there.
                message = f"已有相同{f.verbose_name}的{model._meta.verbose_name}，请勿重复登记"
            else:
                message = message % {
                    "model_name": model._meta.verbose_name,
                    "field_label": f.verbose_name,
                }
            yield None, frozenset({f.column}), message, f.name


Message = str | tuple[str, str | None]


def refusal(
    exc: IntegrityError,
    models_: Sequence[type[models.Model]] = (),
    messages: Mapping[str, Message] | None = None,
) -> DomainError | None:
    """The DomainError a database refusal means: the broken constraint's message on its
    field, looked up among ``models_`` (default: every installed model; constraint names are
    unique across them). ``messages`` overrides by constraint or field name. None when the
    error names no constraint a model declares (a foreign key, say)."""
    table, name, columns = _violated(exc)
    overrides = messages or {}
    for model in models_ or apps.get_models():
        if table and model._meta.db_table != table:
            continue
        for rule_name, rule_columns, message, field in _rules(model):
            if (name and name == rule_name) or (columns and columns == rule_columns):
                chosen = overrides.get(rule_name or "") or overrides.get(field or "")
                if isinstance(chosen, tuple):
                    message, field = chosen
                elif chosen:
                    message = chosen
                return DomainError(str(message), field=field)
    return None


@contextmanager
def constraint_errors(
    *models_: type[models.Model], messages: Mapping[str, Message] | None = None
) -> Iterator[None]:
    """Run the block in a savepoint; a constraint of ``models_`` (default: any model) that the
    database refuses becomes a ``DomainError`` with that constraint's message, on its field —
    never a 500, and nothing of the block is kept. It is what two requests saving the same
    thing at once run into after both passed the service's own check.

    ``messages`` overrides by constraint or field name: a text, or (text, form field) — e.g.
    the blind index ``id_index`` reported on the ``id_number`` the form shows. A violation of
    anything else is re-raised as it came."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        refused = refusal(exc, models_, messages)
        if refused is None:
            raise
        raise refused from exc
