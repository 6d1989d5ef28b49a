"""The bank's side of a campaign: the batch file a bank pays from (.xlsx, one row per payee
with the full card number — each download audited) and the import of its return (paid, or
failed with the bank's reason; all or nothing, every problem named by its row)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from gonghui.assistance.choices import BankResult, PaymentStatus
from gonghui.assistance.models import Campaign, Payment
from gonghui.assistance.models.hardship import mask_card
from gonghui.assistance.services.batch import Settled, batch_settle
from gonghui.assistance.services.common import require_cadre
from gonghui.core import crypto
from gonghui.core.access import Access
from gonghui.core.audit import log_action
from gonghui.core.dictionaries import Dictionary
from gonghui.core.errors import DomainError
from gonghui.core.exports import write_xlsx
from gonghui.core.imports import cells
from gonghui.core.imports.columns import Column, Spec
from gonghui.core.imports.errors import RowError
from gonghui.core.imports.runner import Importer, Outcome, Row, RowsRefused, run_import
from gonghui.core.roles import Perm

BANK_HEADERS = ["序号", "发放编号", "收款人", "银行卡号", "开户银行", "金额（元）"]
RESULTS = Dictionary(
    BankResult.choices,
    synonyms={
        "已到账": "paid",
        "到账": "paid",
        "已发放": "paid",
        "退回": "failed",
        "退票": "failed",
    },
)


def bank_rows(campaign: Campaign):
    """(发放编号, 收款人, 卡号 in the clear, 开户银行, 金额) of the payments awaiting the bank."""
    payments = Payment.objects.filter(campaign=campaign, status=PaymentStatus.APPROVED).order_by(
        "number"
    )
    for number, name, cipher, bank, amount in payments.values_list(
        "number", "payee_name", "bank_card_cipher", "bank_name", "amount"
    ).iterator(chunk_size=2000):
        yield number, name, crypto.decrypt(cipher), bank, amount


def bank_file(*, actor: Access, campaign: Campaign) -> bytes:
    """The batch file of the campaign's 已审核 payments; the card numbers are in the clear,
    so only a role that may see them makes it, and every download is an audit entry."""
    require_cadre(actor=actor, unit=campaign.org_unit)
    if not actor.system and not actor.has(Perm.VIEW_PII):
        raise DomainError("您的角色无权导出完整银行卡号")
    count = Payment.objects.filter(campaign=campaign, status=PaymentStatus.APPROVED).count()
    if not count:
        raise DomainError("本次活动没有已审核、待银行发放的记录")
    rows = ([n, *row] for n, row in enumerate(bank_rows(campaign), start=1))
    body = write_xlsx("代发明细", BANK_HEADERS, rows)
    log_action(
        actor=actor,
        action="assistance.campaign.bank_file",
        obj=campaign,
        changes={"field": "银行卡号", "payees": count},
    )
    return body


def _result(value: Any) -> str | None:
    if cells.is_blank(value):
        return None
    found = RESULTS.lookup(value)
    if found is None:
        raise cells.CellError(f"只能填写：{RESULTS.accepted()}")
    return found


RETURN_SPEC = Spec(
    sheet="代发明细",
    columns=(
        Column("number", "发放编号", required=True, synonyms=("付款编号", "业务编号")),
        Column("payee", "收款人", synonyms=("户名", "姓名", "收款人姓名")),
        Column("card", "银行卡号", synonyms=("卡号", "账号"), mask=mask_card, text_format=True),
        Column("bank", "开户银行"),
        Column(
            "amount",
            "金额（元）",
            required=True,
            synonyms=("金额", "发放金额"),
            parser=cells.parse_money,
        ),
        Column(
            "result",
            "结果",
            required=True,
            synonyms=("处理结果", "发放结果"),
            parser=_result,
            dictionary=RESULTS,  # the template's dropdown; 已到账, 退票 … are taken too
            dropdown_warns=True,
        ),
        Column("reason", "失败原因", synonyms=("原因", "失败说明")),
        Column("paid_on", "到账日期", synonyms=("入账日期", "发放日期"), parser=cells.parse_date),
        Column("proof", "回单号", synonyms=("流水号", "银行流水号")),
    ),
)


class BankReturnImporter(Importer):
    """One campaign's return: every row must name one of its payments awaiting the bank,
    with the amount the bank file gave it."""

    name = "assistance.bank_return"
    title = "导入银行回盘"
    spec = RETURN_SPEC
    template_filename = "银行回盘模板.xlsx"
    noun = "发放结果"
    date_keys = ("paid_on",)

    def __init__(self, campaign: Campaign):
        self.campaign = campaign
        self.payments = {
            number: (amount, status, label)
            for number, amount, status, label in (
                (p.number, p.amount, p.status, p.get_status_display())
                for p in Payment.objects.filter(campaign=campaign).only(
                    "number", "amount", "status"
                )
            )
        }
        self.today = timezone.localdate()

    def parse(self, row: Row, *, access: Access) -> Settled | None:
        number = row.get("number")
        given = row.get("amount")
        result = row.get("result")
        if not number:
            return None
        known = self.payments.get(number)
        if known is None:
            row.error("number", f"发放编号“{number}”不是本次活动的发放记录")
            return None
        expected, status, label = known
        if status != PaymentStatus.APPROVED:
            row.error("number", f"该笔发放当前为“{label}”，不是待银行发放的记录")
        if given is not None and given != expected:
            row.error("amount", f"金额 {given} 元与发放记录 {expected} 元不符")
        if result is None:
            return None
        reason = cells.parse_text(row.raw("reason"), max_length=200)
        if result == BankResult.FAILED:
            if not reason:
                row.error("reason", "发放失败须填写失败原因")
            return Settled(number=number, reason=reason)
        day = row.get("paid_on") or self.today
        if day > self.today:
            row.error("paid_on", "到账日期不能晚于今天")
        proof = cells.parse_text(row.raw("proof"), max_length=100)
        return Settled(number=number, paid_on=day, proof=proof)

    def check(self, parsed: list[tuple[Row, Any]], *, access: Access) -> None:
        seen: dict[str, int] = {}
        for row, data in parsed:
            if data is None:
                continue
            if data.number in seen:
                row.error("number", f"发放编号与第{seen[data.number]}行重复")
            seen.setdefault(data.number, row.number)

    def write(self, parsed: list[tuple[Row, Any]], *, access: Access, outcome: Outcome) -> None:
        results = [data for _row, data in parsed]
        try:
            paid, failed = batch_settle(actor=access, campaign=self.campaign, results=results)
        except DomainError as exc:
            first = parsed[0][0].number
            raise RowsRefused([RowError(first, "发放编号", "", exc.message)]) from exc
        outcome.created = paid + failed
        outcome.extra.update({"paid": paid, "failed": failed})


def bank_return_import(*, actor: Access, campaign: Campaign, upload: Any) -> Outcome:
    """Read the bank's return (bounded before it is parsed) and settle its rows, or nothing."""
    require_cadre(actor=actor, unit=campaign.org_unit)
    return run_import(BankReturnImporter(campaign), access=actor, file=upload)


def return_summary(outcome: Outcome) -> str:
    if not outcome.ok:
        return outcome.summary()
    extra = outcome.extra
    return f"已导入银行回盘：到账{extra.get('paid', 0)}笔，失败{extra.get('failed', 0)}笔"
