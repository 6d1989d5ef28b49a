"""Code tables of 职工医疗互助 (mutual medical aid): the states of a group enrolment and of a
claim, and the kinds of claim documents (the list a Hangzhou scheme asks for, REPORTED)."""

from django.db import models


class GroupStatus(models.TextChoices):
    APPLIED = "applied", "团体申请"
    PAID = "paid", "缴费确认"


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "已申请"
    REVIEWED = "reviewed", "基层工会初审通过"
    APPROVED = "approved", "已核定"
    REFUSED = "refused", "已拒付"
    PAID = "paid", "已给付"


# Claims whose amount counts against the person's annual cap (核定 or paid).
COUNTED_CLAIM_STATUSES = (ClaimStatus.APPROVED, ClaimStatus.PAID)
OPEN_CLAIM_STATUSES = (ClaimStatus.SUBMITTED, ClaimStatus.REVIEWED)


class ClaimKind(models.TextChoices):
    INPATIENT = "inpatient", "住院"
    OUTPATIENT = "outpatient", "规定病种门诊"


class DocumentKind(models.TextChoices):
    APPLICATION = "application", "互助金申请表"
    IDENTITY = "identity", "身份证和银行卡"
    DISCHARGE = "discharge", "出院小结"
    BILLS = "bills", "医疗费用票据和清单"
    SETTLEMENT = "settlement", "医保结算单"
    PATHOLOGY = "pathology", "病理报告"
    OTHER = "other", "其他"


# Chinese names of the audit actions of the mutual-aid services (registered by them).
AUDIT_LABELS = {
    "assistance.mutual_scheme.created": "新建医疗互助方案",
    "assistance.mutual_scheme.updated": "修改医疗互助方案",
    "assistance.mutual_group.enrolled": "医疗互助团体参保",
    "assistance.mutual_group.imported": "导入医疗互助参保名单",
    "assistance.mutual_group.paid": "医疗互助缴费确认",
    "assistance.mutual_group.removed": "移出医疗互助参保人员",
    "assistance.mutual_claim.submitted": "申领医疗互助金",
    "assistance.mutual_claim.reviewed": "互助申领初审",
    "assistance.mutual_claim.approved": "核定互助金",
    "assistance.mutual_claim.refused": "互助申领拒付",
    "assistance.mutual_claim.paid": "登记互助金给付",
    "assistance.mutual_claim.second_round": "互助申领转二次救助",
}
