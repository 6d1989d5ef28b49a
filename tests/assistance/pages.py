"""What the page tests of the assistance line post: the application form with its family
formset, as a browser sends it."""

from __future__ import annotations

from tests.assistance.conftest import APPLIED


def family_data(rows: list[tuple[str, str, str]], *, initial: int = 0) -> dict[str, str]:
    """The formset of (name, relation, annual income) rows, as the page posts it."""
    data = {
        "family-TOTAL_FORMS": str(len(rows)),
        "family-INITIAL_FORMS": str(initial),
        "family-MIN_NUM_FORMS": "1",
        "family-MAX_NUM_FORMS": "1000",
    }
    for n, (name, relation, income) in enumerate(rows):
        data.update(
            {
                f"family-{n}-name": name,
                f"family-{n}-relation": relation,
                f"family-{n}-annual_income": income,
                f"family-{n}-id_number": "",
                f"family-{n}-health": "",
                f"family-{n}-school_or_employer": "",
            }
        )
    return data


def application_data(**changes: str) -> dict[str, str]:
    """A household of two with 24 000 元 a year (the worker and a child at school)."""
    data = {
        "applied_on": APPLIED.isoformat(),
        "main_cause": "illness",
        "other_causes": ["schooling"],
        "annual_income": "24000",
        "rigid_expenses": "2400",
        "accident_costs": "0",
        "bank_card": "6222021234567890123",
        "bank_name": "工商银行",
        "diagnosis": "尿毒症",
        **family_data([("张三", "self", "24000"), ("张小三", "child", "0"), ("", "", "0")]),
    }
    data.update(changes)
    return data
