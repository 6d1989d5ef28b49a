"""Code tables of the assistance work line (帮扶). The 致困原因 list follows the national
system's form as far as it is public; it is a code table, not a rule."""

from django.db import models


class FileStatus(models.TextChoices):
    SUBMITTED = "submitted", "已提交"
    CHECKED = "checked", "初审通过"
    SURVEYED = "surveyed", "已入户调查"
    VERIFIED = "verified", "审核通过"
    PUBLICIZING = "publicizing", "公示中"
    FILED = "filed", "在档"
    RETURNED = "returned", "退回"
    WITHDRAWN = "withdrawn", "已撤回"
    RECOVERED = "recovered", "已解困脱困"
    REMOVED = "removed", "已退档"


# A person has at most one file in these states (a returned one is corrected and resubmitted).
OPEN_FILE_STATUSES = (
    FileStatus.SUBMITTED,
    FileStatus.CHECKED,
    FileStatus.SURVEYED,
    FileStatus.VERIFIED,
    FileStatus.PUBLICIZING,
    FileStatus.FILED,
    FileStatus.RETURNED,
)
# The steps before 建档 that a cadre may send back (退回) with a reason.
RETURNABLE_STATUSES = (
    FileStatus.SUBMITTED,
    FileStatus.CHECKED,
    FileStatus.SURVEYED,
    FileStatus.VERIFIED,
    FileStatus.PUBLICIZING,
)
EXITED_STATUSES = (FileStatus.RECOVERED, FileStatus.REMOVED)


# States before 建档 in which the file's 证明材料 may still be added or removed.
EVIDENCE_OPEN_STATUSES = (
    FileStatus.SUBMITTED,
    FileStatus.CHECKED,
    FileStatus.SURVEYED,
    FileStatus.VERIFIED,
    FileStatus.PUBLICIZING,
    FileStatus.RETURNED,
)


class EvidenceKind(models.TextChoices):
    """证明材料 of a hardship application."""

    INCOME = "income", "收入证明"
    MEDICAL = "medical", "病历或诊断证明"
    DISABILITY = "disability", "残疾证"
    IDENTITY = "identity", "身份证或户口簿"
    EXPENSES = "expenses", "支出票据"
    OTHER = "other", "其他"


class Category(models.TextChoices):
    DEEP = "deep", "深度困难职工"
    RELATIVE = "relative", "相对困难职工"
    ACCIDENT = "accident", "意外致困职工"
    MIGRANT = "migrant", "困难农民工"


class Cause(models.TextChoices):
    ILLNESS = "illness", "因病"
    DISABILITY = "disability", "因残"
    SCHOOLING = "schooling", "因学"
    DISASTER = "disaster", "因灾"
    ACCIDENT = "accident", "意外事故"
    UNEMPLOYMENT = "unemployment", "下岗失业"
    SINGLE_PARENT = "single_parent", "单亲"
    ENTERPRISE = "enterprise", "企业困难"
    LOW_INCOME = "low_income", "低收入"
    OTHER = "other", "其他"


class Relation(models.TextChoices):
    SELF = "self", "本人"
    SPOUSE = "spouse", "配偶"
    CHILD = "child", "子女"
    PARENT = "parent", "父母"
    OTHER = "other", "其他"


class ExitKind(models.TextChoices):
    RECOVERED = "recovered", "解困脱困"
    RETIRED = "retired", "退休"
    MOVED = "moved", "迁出"
    DIED = "died", "死亡"
    INELIGIBLE = "ineligible", "不再符合条件"


class StepKind(models.TextChoices):
    SUBMIT = "submit", "提交申请"
    CHECK = "check", "基层工会初审"
    SURVEY = "survey", "入户调查"
    VERIFY = "verify", "帮扶中心审核"
    PUBLICIZE = "publicize", "公示"
    FILE = "file", "建档"
    RETURN = "return", "退回"
    RESUBMIT = "resubmit", "重新提交"
    WITHDRAW = "withdraw", "撤回申请"
    REVIEW = "review", "年度复核"
    EXIT = "exit", "退档"


class AssistanceType(models.TextChoices):
    LIVING = "living", "生活救助"
    MEDICAL = "medical", "医疗救助"
    SCHOOLING = "schooling", "助学"
    EMPLOYMENT = "employment", "就业帮扶"
    WARMTH = "warmth", "送温暖"
    LEGAL = "legal", "法律援助"


class FundKind(models.TextChoices):
    WARMTH = "warmth", "温暖基金"
    UPPER = "upper", "上级专项"
    OWN = "own", "本级"
    FISCAL = "fiscal", "财政"
    DONATION = "donation", "社会捐助"


class EntryKind(models.TextChoices):
    INCOME = "income", "收入"
    RESERVE = "reserve", "审核占用"
    RELEASE = "release", "释放占用"
    PAYOUT = "payout", "发放支出"
    REVERSAL = "reversal", "冲正"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已审核"
    PAID = "paid", "已发放"
    FAILED = "failed", "发放失败"
    CANCELLED = "cancelled", "已取消"


# A payment in these states holds its household's place in a campaign (a failed or cancelled
# one does not, so it can be issued again).
LIVE_PAYMENT_STATUSES = (PaymentStatus.PENDING, PaymentStatus.APPROVED, PaymentStatus.PAID)


class CampaignKind(models.TextChoices):
    WARMTH = "warmth", "送温暖"
    AUTUMN = "autumn", "金秋助学"
    COOL = "cool", "夏送清凉"
    OTHER = "other", "专项帮扶"


class StudentLevel(models.TextChoices):
    """A family member's schooling, for 金秋助学 (blank: not a student)."""

    HIGH_SCHOOL = "high_school", "普通高中"
    VOCATIONAL = "vocational", "中等职业学校"
    COLLEGE = "college", "高职高专"
    UNDERGRADUATE = "undergraduate", "本科"
    POSTGRADUATE = "postgraduate", "研究生"


# What a campaign pays a household with, by kind (夏送清凉 in cash is 生活救助; mostly in kind).
CAMPAIGN_PAYMENT_TYPES = {
    CampaignKind.WARMTH: AssistanceType.WARMTH,
    CampaignKind.AUTUMN: AssistanceType.SCHOOLING,
    CampaignKind.COOL: AssistanceType.LIVING,
    CampaignKind.OTHER: AssistanceType.LIVING,
}


class BankResult(models.TextChoices):
    """The outcome column of a bank's return file."""

    PAID = "paid", "成功"
    FAILED = "failed", "失败"
