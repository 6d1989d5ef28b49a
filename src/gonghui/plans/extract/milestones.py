"""Dated milestones: activities the plan commits to at a definite time of the plan year.

A time expression (一季度, 上半年, 9月底前, 6月10日至9月10日, 年底, 五一前夕, 元旦春节期间 …)
governs the activity in its own clause, or — when the clause is only the time
(``在五一国际劳动节前夕，举办…``) — the next clause. Further clauses of the same sentence that
start with an event verb, and ``A和B`` objects that are both events, are extra milestones with
the same date. Recurring (每季度), horizon (到年底, 到2012年), undated (适时, 高温期间) and name
uses (五一劳动奖, 春节慰问金) are not milestones.
"""

from __future__ import annotations

import datetime as dt
import re

from . import dates
from .model import ProposedMilestone
from .numbers import parse_chinese
from .text import ClaimedSpans, Span, clause_at, clauses_in, protected_spans, sentences

_CN_M = "十二|十一|十|元|一|二|三|四|五|六|七|八|九"
_M = rf"(?:1[0-2]|0?[1-9])月|(?:{_CN_M})月(?=份|底|末|[上中下]旬|前|\d)"
_D = r"(?:[12]\d|3[01]|0?[1-9])[日号]"
_YEAR = r"(?:(?P<{}>(?:19|20)\d{{2}})年)?"
_PART = r"(?P<{}>上旬|中旬|下旬|底|末|初|中)?"
_HOL = (
    r"元旦春节|元旦、春节|元旦和春节|两节|中秋国庆|国庆中秋|元旦|春节|新春|元宵|三八|三·八|五一|"
    r"五四|六一|七一|八一|国庆|教师节|妇女节|劳动节|青年节|儿童节|建党节|建军节"
)
_HOL_NAME = r"(?:国际劳动节|国际妇女节|劳动节|妇女节|青年节|儿童节|建党节|建军节|佳节|节日|节)?"
_HOL_SUFFIX = r"(?:节日期间|期间|前夕|前后|之际|来临之际|假期|前|当天)"
_Q = r"[“”\"]?"

TIME = re.compile(
    rf"{_YEAR.format('ry')}(?P<m1>{_M})(?P<d1>{_D})?份?\s*(?:-|–|—|~|至|到)\s*(?:(?:19|20)\d{{2}}年)?"
    rf"(?P<m2>{_M})(?P<d2>{_D})?{_PART.format('rpart')}"
    rf"|{_YEAR.format('y')}(?P<m>{_M})(?P<d>{_D})?份?{_PART.format('part')}"
    rf"|(?:第)?(?P<q>[一二三四1-4])季度"
    rf"|(?P<half>[上下])半年"
    rf"|(?P<yend>年底|年终|年末|岁末)"
    rf"|{_Q}(?P<h1>{_HOL}){_Q}(?:和|、|及|与|“|”)+{_Q}(?P<h2>{_HOL}){_Q}{_HOL_NAME}{_HOL_SUFFIX}"
    rf"|{_Q}(?P<h>{_HOL}){_Q}{_HOL_NAME}{_HOL_SUFFIX}"
    rf"|(?P<local>农民工日)"
)
_NOT_AFTER = re.compile(r"[”\"]?(?:劳动奖|奖|慰问金|度(?:考核|计划|报表))")
_RECURRING_BEFORE = re.compile(r"(?:每|各|逐|隔)(?:个|年|一)?\s*$")
_HORIZON_BEFORE = re.compile(r"(?:到|至|截至|截止|截止到|直至)\s*$")
_PREP = r"在|于|从|自|将|要|并|还要|计划|拟|定于|准备|力争|争取|今年|本年|全年|适时|的|，|,|\s"
_EVENT_START = re.compile(
    r"^(?:同时)?(?:举办|召开|举行|组织|开展|评选|表彰|启动|召集|慰问|走访|进行|完成|印发|评比)"
)
_EVENT_NOUN = (
    r"(?:晚会|比赛|竞赛|大赛|活动|会议|大会|培训班|论坛|讲座|演讲赛|运动会|展览|展演|联谊会|"
    r"座谈会|交流会|报告会|仪式|研讨会|比武|调研|评选|表彰)"
)


def _has_content(s: str) -> bool:
    s = re.sub(rf"^(?:{_PREP}|期间|前夕|前后|之际|底前|前|底|内)+", "", s)
    s = re.sub(rf"(?:{_PREP})+$", "", s)
    return len(re.findall(r"[\u4e00-\u9fff]", s)) >= 2


def _month(raw: str) -> int:
    raw = raw.rstrip("月")
    if raw.isdigit():
        return int(raw)
    return 1 if raw == "元" else int(parse_chinese(raw))


def _day(raw: str | None) -> int | None:
    return int(raw[:-1]) if raw else None


def _resolve(m: re.Match[str], year: int, text: str) -> list[dt.date]:
    """Dates for a time expression (two for a pair of holidays), [] when undatable."""
    g = m.groupdict()
    stated = g.get("ry") or g.get("y")
    if stated and int(stated) != year:
        return []
    try:
        if g["m2"]:
            month, day = _month(g["m2"]), _day(g["d2"])
            return [dt.date(year, month, day) if day else _part_date(year, month, g["rpart"])]
        if g["m"]:
            month, day = _month(g["m"]), _day(g["d"])
            return [dt.date(year, month, day) if day else _part_date(year, month, g["part"])]
    except ValueError:
        return []
    if g["q"]:
        q = g["q"]
        return [dates.quarter_end(year, int(q) if q.isdigit() else "一二三四".index(q) + 1)]
    if g["half"]:
        return [dates.month_end(year, 6 if g["half"] == "上" else 12)]
    if g["yend"]:
        return [dt.date(year, 12, 31)]
    if g["h1"]:
        pair = {g["h1"], g["h2"]}
        if pair == {"元旦", "春节"}:
            return [d for d in [dates.holiday("春节", year)] if d]
        return [d for d in (_holiday(g["h1"], year), _holiday(g["h2"], year)) if d]
    if g["h"]:
        d = _holiday(g["h"], year)
        return [d] if d else []
    if g["local"] and "重庆" in text:
        return [dates.first_weekday(year, 11, 6)]  # 重庆农民工日: first Sunday of November
    return []


def _holiday(name: str, year: int) -> dt.date | None:
    name = {
        "三·八": "三八",
        "新春": "春节",
        "元旦、春节": "元旦春节",
        "元旦和春节": "元旦春节",
        "中秋国庆": "国庆",
        "国庆中秋": "国庆",
    }.get(name, name)
    return dates.holiday(name, year)


def _part_date(year: int, month: int, part: str | None) -> dt.date:
    if part in ("上旬", "初"):
        return dt.date(year, month, 10)
    if part in ("中旬", "中"):
        return dt.date(year, month, 20)
    return dates.month_end(year, month)


def _task(text: str, start: int, end: int, m: re.Match[str]) -> str:
    piece = text[start:end]
    if (start <= m.start() < end and start < m.start() - 2) or m.group("local"):
        piece = text[start:end]  # the time sits inside the activity: 做好五一节期间的…工作
    elif start <= m.start() < end:
        piece = text[start : m.start()] + "\u0000" + text[m.end() : end]
    piece = re.sub(rf"^(?:{_PREP})+", "", piece)
    piece = re.sub(r"\u0000(?:的|期间的|期间|前夕|之际|前|，|,)*", "", piece)
    piece = re.sub(rf"^(?:{_PREP}|分别|之前|以前|底前|前|期间|前夕)+", "", piece).strip("，,、 ")
    return piece[:40]


def find_milestones(text: str, norm: str, year: int | None) -> list[ProposedMilestone]:
    if year is None:
        return []
    out: list[ProposedMilestone] = []
    taken = ClaimedSpans()  # activity text already claimed by a milestone
    names = protected_spans(norm)  # “一季度一主题” is a name; “五一” alone is the holiday
    for sent in sentences(norm):
        clause_list = clauses_in(norm, sent)
        clause_starts = [c.start for c in clause_list]
        for m in TIME.finditer(norm, sent.start, sent.end):
            if taken.covers(m.start()):
                continue
            quoted = names.covering(m.start())
            if quoted and norm[quoted.start + 1 : quoted.end - 1] not in m.group().strip('“”"'):
                continue
            before = norm[max(sent.start, m.start() - 8) : m.start()]
            if _RECURRING_BEFORE.search(before) or _NOT_AFTER.match(norm, m.end()):
                continue
            if (m.group("yend") or m.group("half")) and (
                _HORIZON_BEFORE.search(before)
                or (
                    re.search(r"(?:19|20)\d{2}年?$", before)
                    and not re.search(rf"{year}年?$", before)
                )
            ):
                continue
            if m.group("half") and re.search(r"(?:去|上|明|下)年$", before):
                continue
            due = _resolve(m, year, text)
            ci = clause_at(clause_list, clause_starts, m.start())
            if not due or ci is None:
                continue
            out.extend(_milestones_for(text, norm, m, due, clause_list, ci, taken))
    return out


def _milestones_for(text, norm, m, due, clause_list, ci, taken) -> list[ProposedMilestone]:
    clause = clause_list[ci]
    head, tail = norm[clause.start : m.start()], norm[m.end() : clause.end]
    acts = [ci] if (_has_content(tail) or _has_content(head)) else []
    if (
        not acts
        and ci + 1 < len(clause_list)
        and not TIME.search(norm, clause_list[ci + 1].start, clause_list[ci + 1].end)
    ):
        acts = [ci + 1]
    if not acts:
        return []
    j = acts[-1] + 1
    while j < len(clause_list):
        nxt = norm[clause_list[j].start : clause_list[j].end]
        if not _EVENT_START.match(nxt) or TIME.search(nxt):
            break
        acts.append(j)
        j += 1
    # (quote end, task start, task end) per activity, then split A和B objects.
    pieces: list[tuple[int, int, int]] = []
    for a in acts:
        c = clause_list[a]
        own = a == ci and _has_content(tail) and not _has_content(head)
        body_start = m.end() if own else c.start
        pieces.extend(_split_events(norm, body_start, c.end))
    paired = len(due) == 2
    if paired and not ("分别" in norm[m.end() : clause_list[acts[0]].end] and len(pieces) == 2):
        due = [max(due)]
    out = []
    for k, (end, t_start, t_end) in enumerate(pieces):
        d = due[k] if len(due) == 2 else due[0]
        quote = text[clause.start : end].strip()
        task = _task(text, t_start, t_end, m)
        if len(task) < 4 and ci > 0:  # 定期考核，年终兑现 / 年底前完成: name the work too
            prev = clause_list[ci - 1]
            task = text[prev.start : prev.end] + "，" + task
        if k > 0 and pieces[0][1] < t_start and not _EVENT_START.match(norm[t_start:t_end]):
            verb = re.match(
                r"(?:分别)?(举办|召开|举行|组织|开展)", norm[pieces[0][1] : pieces[0][2]]
            )
            task = (verb.group(1) if verb else "") + task
        out.append(ProposedMilestone(quote=quote, start=clause.start, task=task, due=d))
        taken.add(Span(clause.start, end))
    return out


def _split_events(norm: str, start: int, end: int) -> list[tuple[int, int, int]]:
    """``举办A晚会和B比赛`` → two pieces; ``省“书屋”和全国“书屋”示范点现场交流会`` → one."""
    body = norm[start:end]
    for sep in re.finditer(r"和|以及", body):
        left, right = body[: sep.start()], body[sep.end() :]
        if re.search(rf"{_EVENT_NOUN}[”\"]?$", left) and re.search(rf"{_EVENT_NOUN}[”\"]?$", right):
            cut = start + sep.start()
            return [(cut, start, cut), (end, start + sep.end(), end)]
    return [(end, start, end)]
