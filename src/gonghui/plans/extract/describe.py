"""What a target says besides its number: comparator, scope and indicator.

All functions take the *segment* of the clause before the number (``before``) and after it
(``after``), in normalised text.
"""

from __future__ import annotations

import re

from .numbers import Quantity

CJK = "\u4e00-\u9fff"

# ------------------------------------------------------------------------------- comparator

_GE_AFTER = re.compile(r"\s*(?:以上|及以上|之上|上(?![级半年旬])|多)")
_LE_AFTER = re.compile(r"\s*(?:以下|以内|之内|及以下)")
_GE_BEFORE = re.compile(
    r"不少于|不低于|至少|最少|不小于|不下于|突破|(?<!不)(?:超过|高于|多于|大于)"
)
_LE_BEFORE = re.compile(
    r"不超过|不高于|不多于|不大于|控制在|降至|降到|压缩到|压减到|(?<!不)(?:低于|少于|小于)"
)
_INCREASE = re.compile(r"(?:增长|增加|提高|提升|上升|递增|增幅|增幅为|新增)(?:了)?\s*$")
_REACH = re.compile(
    r"力争|争取|争创|达到|(?<![表下传送发抵到])达(?![标成])|实现|确保|务必|必须|"
    r"(?:提高|提升|增加|增长|上升)(?:到|至)"
)
AMBITION = re.compile(r"力争|争取|争创")


def comparator(before: str, after: str, q: Quantity, ambition: bool) -> str:
    """``ambition``: a 力争/争取 earlier in the same sentence governs this clause."""
    if q.unit == "个百分点" or _INCREASE.search(before):
        return "increase_by"  # 增长10%以上 is still growth
    if q.approx or _GE_AFTER.match(after):
        return ">="
    if _LE_AFTER.match(after):
        return "<="
    if _GE_BEFORE.search(before):
        return ">="
    if _LE_BEFORE.search(before):
        return "<="
    if re.search(r"保持|稳定在|巩固", before) and re.match(r"\s*(?:的)?(?:水平|左右)", after):
        return ">="
    if _REACH.search(before) or ambition or (q.unit == "%" and q.value == 100):
        return "reach"
    return "="


# ------------------------------------------------------------------------------------ scope

_HEAD = (
    r"(?:企事业单位|事业单位|企业|用人单位|单位|机关|村（社区）|村\(社区\)|社区|乡镇（街道）"
    r"|乡镇|街道|园区|楼宇|学校|医院|商圈|市场)"
)
_MOD = (
    r"(?:规模以上|限额以上|\d+人以上|百人以上|国有|集体|国有控股|控股|及其|及|和|与|、|"
    r"非公有制|非公|公有制|民营|私营|外资|外商投资|港澳台|中小微|中小|小微|大中型|"
    r"已建会|已建工会|未建会|新建会|建会|所有|全部|重点|骨干|各类|每家|每个|各|的)"
)
_SCOPE = re.compile(rf"(?P<mods>{_MOD}*)(?P<head>{_HEAD})")
_WEAK = re.compile(r"的|、|和|及|与|各类")
SYSTEM = re.compile(
    r"全系统|局系统|本系统|全局|全行业|每个单位|各单位|各基层工会|每个基层工会|每个企业|市本级|本级"
)
REGION = re.compile(r"全市|全区|全县|全省|全镇|全街道|全乡|全系统|全局")
_FREQ = (
    (re.compile(r"一年|每年|年度"), "每年"),
    (re.compile(r"全年"), "全年"),
    (re.compile(r"每季度|每个季度"), "每季度"),
    (re.compile(r"每半年"), "每半年"),
    (re.compile(r"每月|每个月"), "每月"),
)
_IN_CONTEXT = re.compile(rf"在([{CJK}（）()、]{{2,24}}?)(?:中|里|内|当中)(?=[，,]?$|[{CJK}])")


_SCOPE_AFTER = re.compile(rf"(?:以上|及以上|以下)?的(?P<scope>(?P<mods>{_MOD}*){_HEAD})")


def scope_of(before: str, q: Quantity, prev_clause: str, after: str = "") -> tuple[str, str]:
    """Returns (scope, before with the scope words removed)."""
    best = None
    for m in _SCOPE.finditer(before):
        strong = bool(_WEAK.sub("", m.group("mods")))
        bare_at_start = not REGION.sub("", before[: m.start()]).strip(" 要在使对力争确保")
        if (strong or bare_at_start) and (best is None or len(m.group()) >= len(best.group())):
            best = m
    if best:
        scope = re.sub(r"^(?:的|、|和|及|与)+", "", best.group())
        return scope, before[: best.start()] + before[best.end() :]
    after_scope = _SCOPE_AFTER.match(after)
    if after_scope and _WEAK.sub("", after_scope.group("mods")):
        return after_scope.group("scope"), before
    ctx = _IN_CONTEXT.search(before)
    if ctx:
        return ctx.group(1), before[: ctx.start()] + before[ctx.end() :]
    ctx = _IN_CONTEXT.fullmatch(prev_clause.strip())
    if ctx:
        return ctx.group(1), before
    if q.unit in ("次", "期", "场", "个次", "批", "批次"):
        for pattern, name in _FREQ:
            m = pattern.search(before)
            if m:
                return name, before[: m.start()] + before[m.end() :]
    m = SYSTEM.search(before)
    if m:
        return m.group(), before[: m.start()] + before[m.end() :]
    return "", before


# -------------------------------------------------------------------------------- indicator

_TIME_WORDS = (
    r"[上下]半年|第?[一二三四]季度|年底前?|年终|年末|年内|\d{1,2}月(?:底|份)?(?:前)?|今年|全年|明年|"
    r"每年|每季度|每月|一年|(?:元旦|春节|五一|国庆|两节|三八)节?(?:前夕|期间|前后|之际|前)"
)
_LEAD_FILL = re.compile(
    rf"^(?:{_TIME_WORDS}|至少|不少于|"
    r"力争|争取|争创|确保|努力|要求|要|必须|全年|今年|年内|当年|本年|继续|进一步|实现|保持|推动|"
    r"使|在|按照|并|同时|其中|达到|全市|全区|全县|全省|所有|各级|全面|着力|切实|积极|深入|广泛|"
    r"大力|共|累计|共计|总计|完成|计划|拟|将|还要|还|再|均|全部|力求|以上|及以上|的|对|为|，|\s)+"
)
_TAIL_FILL = re.compile(
    r"(?:要达到|必须达到|应达到|要达|达到|达|要|不少于|不低于|至少|最少|力争|保持在|保持|控制在|"
    r"不超过|增长|增加|提高到|提升到|提高|提升|为|在|的|已|共计|累计|完成|超过|均|分别|稳定在|稳定|"
    r"突破|保持)+$"
)
_VERBS = r"(?:开展|组织|举办|举行|召开|进行|做好|抓好|加强|完成|实施|参加|参与|建立|打造|培育)"
_GENERIC_VERBS = re.compile(rf"^{_VERBS}+")
_ENDS_WITH_VERB = re.compile(rf"{_VERBS}$")
_PER_REQUEST = re.compile(r"(?:按照|根据|按)[\u4e00-\u9fff]{0,12}?(?:要求|部署|安排)")
_NOISE = re.compile(r"各类|各级|全体|广大|比上年|比去年|较上年|较去年|同比|[“”\"'‘’《》\s]")
_OWN_VERB = re.compile(
    r"(?:配备|提供|资助|选树|培育|评选|表彰|慰问|走访|新建|建成|创建|打造|推荐|命名|招聘|帮助|救助)$"
)
_RATE_LIST = re.compile(rf"^[{CJK}]{{1,12}}(?:率|面)(?:[、和及][{CJK}]{{1,12}}(?:率|面))+$")


def _tidy(s: str) -> str:
    s = _NOISE.sub("", s)
    prev = None
    while prev != s:
        prev = s
        s = _LEAD_FILL.sub("", s)
        s = _TAIL_FILL.sub("", s)
        s = REGION.sub("", s) if len(REGION.sub("", s)) >= 2 else s
    return s.strip("，、和及与")


def _object(after: str) -> str:
    """The noun phrase right after the number: ``全市职工技术比武``, ``参加职工医疗互助``."""
    after = _SCOPE_AFTER.sub("", after, count=1)
    after = re.sub(r"^(?:以上|及以上|以下|左右|余|多|的|\s)+", "", after)
    obj = re.match(rf"[{CJK}“”（）()]*", after).group()
    obj = obj.split("的")[0] if "的" in obj[1:] else obj
    obj = _tidy(_GENERIC_VERBS.sub("", obj))
    obj = REGION.sub("", obj)
    short = re.sub(r"(?:任务|工作|活动)$", "", obj)
    return short if len(short) >= 3 else obj


def from_context(context: str) -> str:
    """An activity named by the clause before (``深入开展职工合理化建议活动``)."""
    context = re.split(r"\d|力争|达到|不少于|不低于|增长|提高|以上", context)[0]
    name = _tidy(_GENERIC_VERBS.sub("", _tidy(context)))
    return re.sub(r"(?:活动|工作)$", "", name)[-14:]


def indicators(rest: str, after: str, q: Quantity) -> list[str]:
    """Indicator name(s) from what is left of the segment once the scope is removed.

    A list of rates sharing one value (``签订率、报审率、备案率``) gives one name each.
    When the segment has no name before the number (``组织一次全市职工技术比武``) or only a
    verb, the object after the number is used; for ``3.7万会员参加…`` the counted noun joins it.
    """
    name = _tidy(_PER_REQUEST.sub("", rest))
    if _RATE_LIST.match(name):
        return [p for p in re.split(r"[、和及]", name) if p]
    if q.implied_unit and not name.endswith(("率", "面")):
        obj = _object(after)
        joins = re.match(r"\s*(?:参加|参与|加入|接受|享受)", after)
        name = (obj if joins else q.noun + obj) or name
    elif not name or _GENERIC_VERBS.fullmatch(name) or _ENDS_WITH_VERB.search(name):
        obj = _object(after)
        if obj:
            name = obj
    elif _OWN_VERB.search(name) and _object(after):
        name = _OWN_VERB.search(name).group() + _object(after)
    name = _GENERIC_VERBS.sub("", name) if len(name) > 6 else name
    if len(name) > 16:
        cut = name.rfind("的")
        name = name[cut + 1 :] if 1 < len(name) - cut - 1 <= 16 else name[-14:]
    return [name]
