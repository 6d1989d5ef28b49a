"""Writes on collective contracts and their clauses: one function per use case, each audited.

``records``: registering and editing a contract, its clauses and the rules checked on them;
``steps``: the steps of its life after that (filing, objection, re-signing, adoption, end).
"""

from gonghui.contracts.services.records import (
    CONTRACT_FIELDS,
    EDITABLE,
    checked_enterprises,
    clause_save,
    contract_create,
    contract_problems,
    contract_update,
    covered_staff,
    default_title,
    derive_dates,
)
from gonghui.contracts.services.steps import (
    contract_adopt,
    contract_file,
    contract_object,
    contract_resign,
    contract_terminate,
)

__all__ = [
    "CONTRACT_FIELDS",
    "EDITABLE",
    "checked_enterprises",
    "clause_save",
    "contract_adopt",
    "contract_create",
    "contract_file",
    "contract_object",
    "contract_problems",
    "contract_resign",
    "contract_terminate",
    "contract_update",
    "covered_staff",
    "default_title",
    "derive_dates",
]
