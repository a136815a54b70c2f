"""The noun phrase a Chinese figure measures, read from the clause around it.

Chinese puts it before 达/为 (``网民规模达10.92亿``) or after a classifier (``2577家…网站``);
lists sharing a verb (``A、B分别…``) are split so each value gets its own item. Clean-up drops
periods, openers (其中, 截至), verbs and comparison words, keeping the phrase as written:
it is shown to users, and the catalog maps it to indicators.
"""

from __future__ import annotations

import re

from bot.extract.wordlists import CUES, alternation

_ZH_CLAUSE_MAX = 120  # a clause longer than this is a run-on list, not a subject
_ZH_DELIM = "，,。；;：:！？!?（()）\n"
# Greedy: matches up to (and including) the last delimiter between pos and endpos.
_ZH_LAST_DELIM = re.compile("(?s).*[" + re.escape(_ZH_DELIM) + "]")
_ZH_OPENING_PAREN = {"）": "（", ")": "("}
_ZH_PAREN = re.compile(r"[（(][^（()）]*[)）]")
# Who a verb's subject is when it qualifies the measure: 东部地区完成…收入, 工业软件产品实现收入.
_ZH_QUALIFIER_HEAD = re.compile(rf"(?:{alternation(CUES['subjects']['qualifier_heads_zh'])})$")
_ZH_NUMBERED_HEAD = re.compile(r"^[一二两三四五六七八九十\d]+[家个类]|^规模以上")
_ZH_LEAD = re.compile(rf"^(?:{alternation(CUES['subjects']['leads_zh'])})+")
_ZH_LEAD_VERB = re.compile(
    rf"^(?:{alternation(CUES['subjects']['lead_owners_zh'])})?"
    rf"(?:{alternation(CUES['subjects']['lead_adverbs_zh'])})?"
    rf"(?:{alternation(CUES['subjects']['lead_verbs_zh'])})"
)
_ZH_NOUN_RUN = re.compile(r"[^，,。；;：:！？!?（()）\s\d]{1,30}")
_ZH_QUALIFIER_LEAD = re.compile(r"^(?:以上|左右|余|多)")
_ZH_ADVERB_TAIL = re.compile(rf"(?:{alternation(CUES['subjects']['tail_adverbs_zh'])})+$")
_QUOTES = re.compile(r"[“”\"'‘’]")
_ZH_PERIOD_LEAD = re.compile(r"^(?:底|末|份|月|年)+")
_ZH_TRAIL = re.compile(
    r"(?:(?:同比|环比|比上年末?|较上年末?|比去年|较去年|(?<!占)[比较](?:\d{4}年)?(?:\d{1,2}月)?(?:底|末)?)?"
    r"(?:分别|均|共|累计|合计|总计|已|约|将)?"
    r"(?:达到了?|已达|达|为|约为|突破|超过|超|逾|近|完成|实现|是|增长至|增至|提升至|提高到|"
    r"提高至|升至|降至|下降至|增长|下降|提升|提高|减少|回落|净增|增加|上升)?"
    r"(?:分别|均)?(?:为|达到?)?|的)$"
)
# A non-empty _ZH_TRAIL match ends in one of the Chinese characters of the pattern; a
# phrase ending in anything else (and not in a newline, before which $ also matches) keeps
# its tail, so the regex need not try every position.
# A clause that is only a copula or verb ("…比例最高，为18.9%") names nothing itself.
_ZH_BARE_VERBS = frozenset("为达是超逾近约")
_ZH_TRAIL_WIDTH = 19  # the longest text _ZH_TRAIL can match (a test keeps this true)
_ZH_TRAIL_LAST = frozenset(ch for ch in _ZH_TRAIL.pattern if "\u3400" <= ch <= "\u9fff")
# _ZH_TRAIL where a non-empty match can start (at one of its characters; an empty match
# changes nothing): positions elsewhere fail at once instead of trying every optional group.
_ZH_TRAIL_NONEMPTY = re.compile(f"(?=[{''.join(sorted(_ZH_TRAIL_LAST))}])(?:{_ZH_TRAIL.pattern})")
_ZH_PREDICATE_TAIL = re.compile(
    r"(?:快速|持续|稳步|不断|显著|明显)?(?:发展|增长|提升|扩大|下降|推进)(?:明显|迅速|较快)?$"
    # "新装备制造业规模最大": a ranking names the industry, not its size
    r"|(?:规模|占比|比重|增速|增加值)?(?:最大|最高|最快|最多|居首|第一)$"
)
_ZH_AFTER_STOP = re.compile(
    r"完成|实现|联合(?:印发|发布)|印发|发布|参与|覆盖|接入|同比|比上年|较|占|达到?|为|已|被|将|正在|中?(?:从|在)|中的"
    r"|中$|[和及与]$"
)
_ZH_MID_VERB = re.compile(r"(?:完成|实现|建成|拥有|培育|打造)")
_ZH_FROM_VALUE = re.compile(r"[由从](?:上年|去年)?的?[\d.,]+%?")
_ZH_GENERIC = re.compile(r"^(?:业务)?(?:收入|规模|用户|数量|总量|占比|比重|增速|增长率)$")
_ZH_ANAPHOR = re.compile(r"^(?:两项|二者|两者|这些|该|上述|以上|其)")
_ZH_DENSITY_HEAD = re.compile(r"每[十百千万]+(?:人|户|名)|人均|户均")
_ZH_SHARE_WORD = re.compile(r"比重|比例|占比|份额|之比|比率")
_ZH_HEADS = re.compile(r"(?:用户规模|用户数|用户|业务收入|收入|规模|数量|普及率|渗透率|占比)")


_BODIES = CUES["subjects"]
_ZH_COUNTED_BODY = re.compile(
    rf"(?:{alternation(_BODIES['counted_bodies_zh'])})"
    rf"(?:[和及与、][^，,。；;：:！？!?]{{1,12}}?)?(?:{alternation(_BODIES['body_adverbs_zh'])})*$"
)
_ZH_BODY_ADVERBS = re.compile(rf"(?:{alternation(_BODIES['body_adverbs_zh'])})+$")
_ZH_PREDICATE_MAX = 24


def zh_after(text: str, end: int) -> str:
    """The noun after a Chinese count (``网站和APP`` in ``2577家…网站和APP完成…``); after a
    count of places or bodies, with what they did: ``省和新疆兵团完成机构组建``."""
    m = _ZH_NOUN_RUN.match(_ZH_PAREN.sub("", text[end : end + 80]))
    if not m:
        return ""
    phrase = m.group()
    stop = _ZH_AFTER_STOP.search(phrase)
    if stop:
        if _ZH_COUNTED_BODY.match(phrase[: stop.start()]) and len(phrase) - stop.start() >= 2:
            head = _ZH_BODY_ADVERBS.sub("", phrase[: stop.start()])
            return head + phrase[stop.start() : stop.start() + _ZH_PREDICATE_MAX]
        phrase = phrase[: stop.start()]
    phrase = _ZH_QUALIFIER_LEAD.sub("", phrase)
    return phrase if len(phrase) >= 2 else ""


def zh_clause(text: str, start: int, floor: int = 0) -> str:
    """The clause before ``start``, back to the last punctuation mark (or ``floor``)."""
    lowest = max(floor, start - _ZH_CLAUSE_MAX)
    end = start
    while True:
        cut = _last_delimiter(text, lowest, end)
        opening = _ZH_OPENING_PAREN.get(text[cut]) if cut >= 0 else None
        if opening is None:
            break
        # a parenthesis is part of the clause (以…为主的企业（包括…）收入): skip over it
        inner = text.rfind(opening, lowest, cut)
        if inner < 0:
            break
        end = inner
    return text[max(lowest, cut + 1) : start]


def _last_delimiter(text: str, low: int, high: int) -> int:
    """``max(text.rfind(ch, low, high) for ch in _ZH_DELIM)``, in one pass."""
    if low < 0 or high < 0:  # rfind counts negative bounds from the end; keep that meaning
        return max(text.rfind(ch, low, high) for ch in _ZH_DELIM)
    found = _ZH_LAST_DELIM.match(text, low, max(low, high))
    return found.end() - 1 if found else -1


def clean_zh(phrase: str, period_texts: list[str]) -> str:
    """Drop periods, 截至/其中-style openers, verbs like 达/为/完成 and comparison words."""
    for period in sorted(period_texts, key=len, reverse=True):
        phrase = phrase.replace(period, "")
    phrase = _ZH_PAREN.sub("", _ZH_FROM_VALUE.sub("", phrase))
    verbs = list(_ZH_MID_VERB.finditer(phrase))
    if verbs and len(phrase) - verbs[-1].end() >= 2:
        head = _ZH_LEAD.sub("", phrase[: verbs[-1].start()])
        head = _ZH_ADVERB_TAIL.sub("", head)
        keep = (
            2 <= len(head) <= 16
            and _ZH_QUALIFIER_HEAD.search(head)
            and not _ZH_NUMBERED_HEAD.match(head)
            and not any(ch.isdecimal() for ch in head)  # what \d matches
        )
        if not _ZH_DENSITY_HEAD.search(head):  # 每万人拥有5G基站数: the density is the measure
            phrase = (head if keep else "") + phrase[verbs[-1].end() :]
    phrase = _QUOTES.sub("", phrase).strip()
    for _ in range(3):
        before = phrase
        phrase = _ZH_LEAD.sub("", phrase)
        phrase = _ZH_LEAD_VERB.sub("", phrase)
        phrase = _strip_zh_trail(phrase) if len(phrase) > 1 or phrase in _ZH_BARE_VERBS else phrase
        phrase = _ZH_PERIOD_LEAD.sub("", phrase).strip("，,、 ")
        if phrase == before:
            break
    return phrase


def _strip_zh_trail(phrase: str) -> str:
    """``_ZH_TRAIL.sub("", phrase)``, skipped when the last character cannot end a match, and
    searched only near the end (a match ends there and is at most ``_ZH_TRAIL_WIDTH`` long)."""
    if phrase[-1:] not in _ZH_TRAIL_LAST and not phrase.endswith("\n"):
        return phrase
    low = max(0, len(phrase) - _ZH_TRAIL_WIDTH - 1)  # -1: $ also matches before a final \n
    kept: list[str] = []
    last = 0
    for match in _ZH_TRAIL_NONEMPTY.finditer(phrase, low):
        kept.append(phrase[last : match.start()])
        last = match.end()
    kept.append(phrase[last:])
    return "".join(kept)


def is_generic_zh(phrase: str) -> bool:
    """业务收入, 规模: a subject that needs the clause before it to mean anything."""
    return bool(_ZH_GENERIC.match(phrase))


def zh_share_name(phrase: str) -> str:
    """``5G基站占移动基站总数`` → ``5G基站占移动基站总数的比重``: a percentage after 占 is a
    share, and says so (unless the phrase already names it: 比重, 比例, 占比, 份额)."""
    if "占" not in phrase or _ZH_SHARE_WORD.search(phrase):
        return phrase
    return phrase.rstrip("的") + "的比重"


def merge_zh(head: str, tail: str) -> str:
    """``新兴业务`` + ``业务收入`` → ``新兴业务收入`` (overlap written once)."""
    for size in range(min(len(head), len(tail)), 0, -1):
        if head.endswith(tail[:size]):
            return head + tail[size:]
    return head + tail


def strip_zh_predicate(phrase: str) -> str:
    """``网约车用户规模增长明显`` → ``网约车用户规模``."""
    return _ZH_PREDICATE_TAIL.sub("", phrase)


def is_anaphoric_zh(phrase: str) -> bool:
    """Phrases that lean on an earlier subject: 占…比例, 在…中占比, 两项业务…"""
    return (
        not phrase
        or phrase.startswith(
            ("占", "在", "比重", "比例", "高出", "高于", "低于", "拉动", "合计", "所占")
        )
        or bool(_ZH_ANAPHOR.match(phrase))
    )


def split_zh_list(phrase: str, k: int) -> list[str] | None:
    """``固定语音和移动语音业务收入`` → [固定语音业务收入, 移动语音业务收入] for k=2."""
    parts = [p for p in re.split(r"[、和及与]", phrase) if p]
    if len(parts) != k:
        return None
    head = _ZH_HEADS.search(parts[-1])
    if head:
        suffix = parts[-1][head.start() :]
        parts = [p if _ZH_HEADS.search(p) else p + suffix for p in parts]
    return parts


def zh_verb_owner(clause: str, period_texts: list[str]) -> str:
    """Who the clause's verb belongs to (``规模以上互联网企业`` in
    ``规模以上互联网企业实现利润总额``): the cleaned phrase before the last 实现/完成-style
    verb, for a measure that is a bare head."""
    verbs = list(_ZH_MID_VERB.finditer(clause))
    if not verbs:
        return ""
    head = _ZH_ADVERB_TAIL.sub("", clean_zh(clause[: verbs[-1].start()], period_texts))
    return head if len(head) >= 2 and not any(ch.isdecimal() for ch in head) else ""
