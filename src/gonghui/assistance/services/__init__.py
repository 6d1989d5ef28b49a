"""Writes of the assistance work line; callers import them from here."""

from gonghui.assistance.services.bank import bank_file, bank_return_import
from gonghui.assistance.services.batch import batch_approve, batch_settle
from gonghui.assistance.services.campaigns import (
    batch_build,
    batch_payments_create,
    batch_publicize,
    campaign_create,
    entry_remove,
    inkind_record,
)
from gonghui.assistance.services.funds import (
    entry_reverse,
    fund_create,
    fund_income,
)
from gonghui.assistance.services.hardship import (
    hardship_apply,
    hardship_resubmit,
    hardship_withdraw,
)
from gonghui.assistance.services.payments import (
    payment_approve,
    payment_cancel,
    payment_create,
    payment_failed,
    payment_paid,
    payment_reissue,
)
from gonghui.assistance.services.workflow import (
    hardship_check,
    hardship_exit,
    hardship_file,
    hardship_publicize,
    hardship_return,
    hardship_review,
    hardship_survey,
    hardship_verify,
    objection_record,
    objection_resolve,
)

__all__ = [
    "bank_file",
    "bank_return_import",
    "batch_approve",
    "batch_build",
    "batch_payments_create",
    "batch_publicize",
    "batch_settle",
    "campaign_create",
    "entry_remove",
    "entry_reverse",
    "fund_create",
    "fund_income",
    "hardship_apply",
    "hardship_check",
    "hardship_exit",
    "hardship_file",
    "hardship_publicize",
    "hardship_resubmit",
    "hardship_return",
    "hardship_review",
    "hardship_survey",
    "hardship_verify",
    "hardship_withdraw",
    "inkind_record",
    "objection_record",
    "objection_resolve",
    "payment_approve",
    "payment_cancel",
    "payment_create",
    "payment_failed",
    "payment_paid",
    "payment_reissue",
]
