"""Writes of the assistance work line; callers import them from here."""

from gonghui.assistance.services.funds import (
    campaign_create,
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
    "campaign_create",
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
    "objection_record",
    "objection_resolve",
    "payment_approve",
    "payment_cancel",
    "payment_create",
    "payment_failed",
    "payment_paid",
    "payment_reissue",
]
