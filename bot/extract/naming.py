"""Give every value of a group its subject, using ``subjects`` and what the sentence said before.

The sentence context remembers the last list of items (``instant messaging, online video
and short video``) and the last subjects, so a later ``utilization ratio of 97.1, 96.8 and
95.2 percent`` or 增长率分别为… pairs with the same items, and ``accounting for 26 percent``
or 占…比例 inherits the subject it leans on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.extract import subjects_en, subjects_zh
from bot.extract.grouping import Group
from bot.extract.nonfigures import ends_in
from bot.extract.wordlists import CUES, alternation

_SUBJECT_WORDS = CUES["subjects"]
_PRONOUNS_EN = frozenset(_SUBJECT_WORDS["pronouns_en"])
_POSSESSIVES_EN = frozenset({"its", "their"})
_BARE_ZH = frozenset(_SUBJECT_WORDS["bare_zh"])
# "The software and information technology services industry also grew steadily.": what the
# sentence is about, up to its verb; "Its revenue" in the next sentence is that industry's.
_EN_ANTECEDENT = re.compile(
    r"^(?:the\s+)?(?P<np>[A-Za-z0-9][\w'’ -]{2,80}?)\s+(?:also\s+|\w+ly\s+)?"
    rf"(?:{alternation(_SUBJECT_WORDS['antecedent_verbs_en'])})\b",
    re.IGNORECASE,
)
_EN_WORD = re.compile(r"[A-Za-z][\w'’-]*")
# A count, its one-word noun and up to eight words of the rest of its clause.
# An appositive between them ("86 entities, including research institutes, signed up") is
# passed over.
_EN_COUNT_TAIL = re.compile(
    r"[\d.,]+(?:\s+(?:million|billion|thousand))?\s+(?P<noun>[A-Za-z][\w'’-]*)"
    rf"(?:,\s+(?:{alternation(_SUBJECT_WORDS['appositive_leads_en'])})\s[^,;.]{{1,80}},)?"
    r"(?P<rest>(?:\s+[\w'’-]+){1,8})"
)

_FIRST_DIGIT = re.compile(r"\d")
_PAST_VERB_ENDINGS = tuple(
    {w.split()[-1] for w in _SUBJECT_WORDS["making_verbs_en"]}
    | {w.split()[-1] for w in CUES["nonfigures"]["level_qualifiers_en"]}
)
_EN_GROWS_AT = re.compile(
    rf"\b(?:{alternation(CUES['changes']['growth_verbs_en'])})\s+(?:at|by)\s+(?:an?|the)\s+"
    r"(?P<adj>(?:[\w-]+\s+){0,3}?)(?:growth\s+)?rate\s+of\s+"
    rf"(?:(?i:{alternation(CUES['nonfigures']['level_qualifiers_en'])})\s+)?$",
    re.IGNORECASE,
)
_EN_AUXILIARIES = re.compile(
    r"\s+(?:(?:is|are|was|were|will|would|has been|have been)\s+)?"
    r"(?:(?:expected|projected|forecast|set|likely|poised|estimated)\s+)?to\s*$"
    r"|\s+(?:will|would|has|have|had)\s*$",
    re.IGNORECASE,
)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_PART_OF_WHICH = re.compile(
    r"\b(?:of|among)\s+(?:which|whom|them|these|those)\s+(?P<part>[A-Z][\w'’ -]{1,40}?)\s*$"
)
_HYPHENATED_UNITS = ("-percent", "-per-cent", "-percentage-point", "-percentage-points")
# A verb of making right before the value ("generated", "produced", "handled"), perhaps with a
# qualifier: what the value's noun is the object of.
_EN_PAST_VERB_BEFORE = re.compile(
    rf"\b(?P<verb>{alternation(_SUBJECT_WORDS['making_verbs_en'])})\s+"
    rf"(?:(?i:{alternation(CUES['nonfigures']['level_qualifiers_en'])})\s+)?$",
    re.IGNORECASE,
)
# ", with an estimated value of N": a measure of what the sentence's first figure counts.
_WITH_MEASURE = re.compile(
    r",\s*with\s+(?:(?:a|an|the)\s+)?(?P<measure>[A-Za-z][\w'’ -]{2,50}?)\s+"
    r"(?:of|exceeding|reaching|totall?ing|hitting|surpassing|topping|at)\s+"
    rf"(?:(?i:{alternation(CUES['nonfigures']['level_qualifiers_en'])})\s+)?$"
)
_NUMBER_OF = re.compile(r"^(?:the\s+)?(?:total\s+)?(?:number|count)\s+of\s+", re.IGNORECASE)
_EN_AFTER_UNITS = ("count",)
_EN_BEFORE_UNITS = ("percent", "percentage_point", "CNY", "USD", "FLOPS")
_ZH_VALUE = re.compile(r"[\d.,]+(?:%|个百分点|[万亿]*[元个家项台户人])")
# Money set aside for a purpose: the purpose after 支持/用于 names it, not the funding verb.
_ZH_FUNDS_PURPOSE = re.compile(
    r"(?:的?资金)?(?:用于|支持|投向|专项用于)([^，,。；;：:！？!?（()）\s]{2,30})"
)
_ZH_FUNDING_VERBS = ("安排", "投入", "下达", "拨付", "筹集", "设立", "提供", "给予", "预算")
_ZH_ANAPHOR_LEAD = re.compile(r"^(?:两项|二者|两者|这些|该|上述|以上|其)[^占在的]{0,4}")
_SHARE_TAIL_ZH = re.compile(rf"^[^占]{{2,}}(?:{alternation(_SUBJECT_WORDS['share_tails_zh'])})$")
_MEASURE_WORD_ZH = re.compile(alternation(_SUBJECT_WORDS["measure_words_zh"]))
_RESTATING_CLAUSE_ZH = re.compile(rf"^(?:{alternation(_SUBJECT_WORDS['restating_clause_zh'])})")
_CLAUSES_BACK = 3
# A count or amount with its unit, cut from the previous clause before it names a subject.
_ZH_COUNTED = re.compile(r"[\d.,]+(?:%|[万亿]?[个家项台户人元])")


@dataclass(slots=True)
class SentenceContext:
    """What naming needs to know about the sentence being read."""

    text: str
    zh: bool
    period_texts: list[str]
    recent: list[str]
    items: list[str] | None = None
    last_subjects: list[str] = field(default_factory=list)
    #: Subjects of the figures of the last sentence that had any: what "This represents…"
    #: in the next sentence points back to.
    previous_subjects: list[str] = field(default_factory=list)
    #: The subject of the sentence's first figure: what ", with a growth rate of N" describes.
    first_subject: str = ""


def name_group(ctx: SentenceContext, group: Group, floor: int) -> list[str]:
    """One subject per member of ``group``; ``floor`` is where the previous group ended."""
    if group.ranged:  # "by 20% to 30%": both ends of one range measure one thing
        first = name_group(ctx, Group(group.members[:1], group.cue), floor)
        ctx.last_subjects = first * len(group.members)
        return ctx.last_subjects
    if group.members[0].in_parentheses and ctx.last_subjects:
        names = [ctx.last_subjects[-1]] * len(group.members)
    elif ctx.zh:
        names = _name_zh(ctx, group, floor)
    else:
        names = _name_en(ctx, group, floor)
    # Whitespace runs as one space (str.split's whitespace is \s); the ends are stripped.
    names = [" ".join(name.split()).strip(" ,.;:，。；：") for name in names]
    if not ctx.zh:
        names = [
            _with_measure_of(ctx, _owned_en(ctx, _resolve_en(ctx, name), q.start), q.start)
            for name, q in zip(names, group.members, strict=True)
        ]
    if ctx.zh:
        names = [
            subjects_zh.zh_share_name(name) if q.unit == "percent" and group.cue is None else name
            for name, q in zip(names, group.members, strict=True)
        ]
    ctx.last_subjects = names
    if not ctx.first_subject and names and names[0]:
        ctx.first_subject = names[0]
    return names


def _name_en(ctx: SentenceContext, group: Group, floor: int) -> list[str]:
    text = ctx.text
    k = len(group.members)
    start = group.members[0].start
    if k == 1:
        return [_name_en_single(ctx, group, start)]
    local = subjects_en.en_before(text, start, floor=floor)
    items = subjects_en.split_en_list(local, k) or subjects_en.split_en_list(
        subjects_en.en_before(text, start, floor=floor, keep_and=True), k
    )
    if items:
        ctx.items = items
        return items
    items = ctx.items if ctx.items and len(ctx.items) == k else None
    if items is None:
        items = subjects_en.find_en_list(text[max(0, start - 300) : start], k)
        for previous in reversed(ctx.recent):
            items = items or subjects_en.find_en_list(previous, k)
    if items:
        ctx.items = items
        return [f"{local}: {item}" if local else item for item in items]
    return [local] * k


def _name_en_single(ctx: SentenceContext, group: Group, start: int) -> str:
    text, quantity = ctx.text, group.members[0]
    if text[quantity.start : quantity.end].endswith(_HYPHENATED_UNITS):
        # "a 30.6-percent population coverage rate of 5G network": the noun it qualifies
        qualified = subjects_en.en_after(text, quantity.end)
        if qualified and not subjects_en.is_generic_en(qualified):
            return qualified
    if quantity.unit == "percent" and group.cue is None:
        share = _name_en_share(ctx, quantity.start, quantity.end)
        if share:
            return share
    if quantity.unit == "percent":
        growth = _growth_rate_name(text, quantity.start)
        if growth:
            return growth
    after = ""
    if quantity.unit in _EN_AFTER_UNITS:
        after = subjects_en.en_after(text, quantity.end) or subjects_en.en_partitive(
            text, quantity.start, quantity.end
        )
    elif quantity.unit not in _EN_BEFORE_UNITS:
        after = subjects_en.en_after(text, quantity.end, after_of=True)
    if after and not subjects_en.is_generic_en(after):
        return after
    main = subjects_en.en_main_subject(text, start, participle=not ctx.last_subjects)
    before = main or subjects_en.en_before(text, start)
    # "strive to have 70 percent of large firms…": a verb right before the share governs it,
    # and the share's own "of" phrase names what it measures.
    governed = subjects_en.ends_in_verb(text[max(0, start - 40) : start])
    if quantity.unit == "percent" and (governed or (not main and subjects_en.ends_in_verb(before))):
        share = subjects_en.en_after(text, quantity.end, after_of=True)
        before = share or before
    if after:
        return f"{before} ({after})" if before else after
    if before:
        return before
    if ctx.last_subjects:
        share = subjects_en.en_after(text, quantity.end, after_of=True)
        if quantity.unit == "percent" and share:
            return subjects_en.en_share_name(ctx.last_subjects[-1], share)
        return ctx.last_subjects[-1]
    return subjects_en.en_after(text, quantity.end, after_of=True)


def _growth_rate_name(text: str, start: int) -> str:
    """``the industry is expected to grow at an average annual rate of 20 percent`` → ``average
    annual growth rate of the industry``: the rate is of what grows (the verb's subject, its
    auxiliaries and "expected to" dropped). "" when the value does not follow such a verb."""
    low = max(0, start - 70)
    found = _EN_GROWS_AT.search(text, low, start) if "rate" in text[low:start] else None
    if found is None:
        return ""
    before = _EN_AUXILIARIES.sub("", text[: found.start()])
    owner = re.sub(r"^the\s+", "", subjects_en.en_before(before, len(before)), flags=re.I)
    if not owner or owner.lower() in _PRONOUNS_EN:
        return ""
    adjective = " ".join(found.group("adj").split())
    return f"{adjective + ' ' if adjective else ''}growth rate of {owner}"


def _resolve_en(ctx: SentenceContext, name: str) -> str:
    """A subject opening with a pronoun names what it points back to: "Its revenue" → the
    previous sentence's topic + "revenue"; "This represents an increase" → the subject of
    the figure it restates. Empty when nothing is found (the figure is then dropped)."""
    words = name.split()
    if not words or words[0].lower() not in _PRONOUNS_EN:
        return name
    if words[0].lower() in _POSSESSIVES_EN:
        owner = _topic_of_previous(ctx) or _previous_subject(ctx)
        return f"{owner} {' '.join(words[1:])}" if owner else ""
    return _previous_subject(ctx) or _topic_of_previous(ctx)


def _owned_en(ctx: SentenceContext, name: str, start: int) -> str:
    """A one-word noun ("revenue", "users", "data") takes its owner, the clause's subject:
    ``China's digital industry generated a revenue of`` → ``revenue of China's digital
    industry``. Left as is when no owner is found (``stands_alone`` then decides)."""
    if len(_EN_WORD.findall(name)) != 1 or name.split()[0].lower() in _PRONOUNS_EN:
        return name
    digits = _FIRST_DIGIT.search(ctx.text, start, start + 24)  # past a qualifier ("Some 86")
    tail = _EN_COUNT_TAIL.match(ctx.text, digits.start() if digits else start)
    if tail and tail.group("noun").lower() == name.lower() and tail.group("rest").strip():
        # "17 provinces had set up data bureaus": the clause after the noun says which
        return f"{name} {tail.group('rest').strip()}"
    low = max(0, start - 40)
    verb = (
        _EN_PAST_VERB_BEFORE.search(ctx.text, low, start)
        if ends_in(ctx.text, low, start, _PAST_VERB_ENDINGS)
        else None
    )
    if verb is not None:
        # "China generated 32.85 zettabytes of data": the data the verb made, by its subject
        owner = _resolve_en(ctx, subjects_en.en_before(ctx.text, verb.start()))
        owner = re.sub(r"^the\s+", "", owner.strip(), flags=re.IGNORECASE)
        made = f"{name} {verb.group('verb').lower()}"
        return f"{made} by {owner}" if owner and owner.lower() not in _PRONOUNS_EN else made
    owner = subjects_en.en_main_subject(ctx.text, start) or subjects_en.en_before(ctx.text, start)
    if owner.lower() == name.lower():
        owner = _owner_of_object(ctx.text, name, start) or owner
    owner = _resolve_en(ctx, owner)
    owner = re.sub(r"^the\s+", "", owner.strip(), flags=re.IGNORECASE)
    if not owner or owner.lower() == name.lower() or name.lower() in owner.lower():
        return owner or name
    return f"{name} of {owner}"


def _owner_of_object(text: str, name: str, start: int) -> str:
    """``China's digital industry generated a revenue of N``: the noun is the object of a
    verb, and the verb's subject owns it (the clause before the verb)."""
    low = max(0, start - 60)
    found = re.search(
        rf"\b[a-z]+\s+(?:a|an|the)\s+(?:[\w-]+\s+)?{re.escape(name)}\s+(?:of\s+)?\S*\s*$",
        text[low:start],
        re.IGNORECASE,
    )
    return subjects_en.en_before(text, low + found.start()) if found else ""


def _with_measure_of(ctx: SentenceContext, name: str, start: int) -> str:
    """``…increased by 4.1 trillion dollars, with a compound annual growth rate of 14.2
    percent``: the measure a with-phrase names belongs to the sentence's first figure
    ("compound annual growth rate of the scale of China's digital economy")."""
    if "with" not in ctx.text[max(0, start - 70) : start]:
        return name
    found = _WITH_MEASURE.search(ctx.text, max(0, start - 70), start)
    if found is None or found.group("measure").lower() != name.lower():
        return name
    # the sentence's first figure, else the subject of the clause the with-phrase hangs on
    owner = ctx.first_subject or subjects_en.en_main_subject(ctx.text, found.start())
    if not owner:  # "X grew rapidly in 2024, with …": X, up to its verb
        clause = subjects_en.en_before(ctx.text, found.start())
        topic = _EN_ANTECEDENT.match(clause)
        owner = topic.group("np") if topic else clause
    owner = _NUMBER_OF.sub("", owner)
    if not owner or owner.lower() == name.lower():
        return name
    return f"{name} of {_LEADING_THE.sub('', owner)}"


def _previous_subject(ctx: SentenceContext) -> str:
    """The last figure's subject, of this sentence or the last one with figures."""
    for subjects in (ctx.last_subjects, ctx.previous_subjects):
        if subjects and subjects[-1]:
            return subjects[-1]
    return ""


def _topic_of_previous(ctx: SentenceContext) -> str:
    """The noun phrase the previous sentence opens with, when a verb follows it."""
    if not ctx.recent:
        return ""
    found = _EN_ANTECEDENT.match(ctx.recent[-1])
    if not found or found.group("np").split()[0].lower() in _PRONOUNS_EN:
        return ""
    return found.group("np").strip()


def stands_alone(subject: str, zh: bool, indicator: str | None) -> bool:
    """Whether a subject means something shown on its own: not empty, not a pronoun, not a
    bare head (所占比重, 增加值, 规模), not one bare English word unless the catalog knows it.
    A figure whose subject fails this is dropped: better missing than misleading."""
    text = subject.strip()
    if not text:
        return False
    if zh:
        return text not in _BARE_ZH and len(text) >= 2
    words = _EN_WORD.findall(text)
    if not words or words[0].lower() in _PRONOUNS_EN:
        return False
    return len(words) > 1 or indicator is not None


def _name_en_share(ctx: SentenceContext, start: int, end: int) -> str:
    """``5G base stations made up 29.1 percent of all mobile base stations`` → ``share of 5G
    base stations in all mobile base stations``: the part is the share verb's subject (or the
    figure before it in the sentence), the whole the ``of`` phrase after the value."""
    found = subjects_en.en_share(ctx.text, start)
    if found is None:
        return ""
    verb_start, strong = found
    whole = subjects_en.en_after(ctx.text, end, after_of=True)
    if not whole and not strong:
        return ""
    part = subjects_en.en_before(ctx.text, verb_start)
    named = _PART_OF_WHICH.search(ctx.text, max(0, verb_start - 50), verb_start)
    if named:  # "…models have been released, of which China accounts for 36 percent"
        part = named.group("part")
        whole = whole or (ctx.last_subjects[-1] if ctx.last_subjects else "")
    if not part and ctx.text[:verb_start].strip().lower() in _PRONOUNS_EN:
        part = _previous_subject(ctx) or _topic_of_previous(ctx)  # "This represents 40%…"
    if not part:
        if ctx.last_subjects:
            part = ctx.last_subjects[-1]
        else:
            part = subjects_en.en_main_subject(ctx.text, verb_start)
    return subjects_en.en_share_name(part, whole)


def _name_zh(ctx: SentenceContext, group: Group, floor: int) -> list[str]:
    text = ctx.text
    first, last = group.members[0], group.members[-1]
    k = len(group.members)
    clause = subjects_zh.zh_clause(text, first.start, floor)
    if k == 1 and first.unit == "count":
        after = subjects_zh.zh_after(text, last.end)
        if after:
            # The clause leads the noun only through 的; otherwise it need not be cleaned.
            lead = subjects_zh.clean_zh(clause, ctx.period_texts) if clause.endswith("的") else ""
            return [lead + after if lead else after]
    local = subjects_zh.clean_zh(clause, ctx.period_texts)
    if k == 1 and first.unit in ("CNY", "USD"):
        purpose = _ZH_FUNDS_PURPOSE.match(text, last.end)
        if purpose and (not local or local.endswith(_ZH_FUNDING_VERBS)):
            return [purpose.group(1)]  # 安排约100亿元支持公共数据基础设施建设: what it funds
    if local in ("", "至", "到"):  # 提高0.1个百分点至11.8%: the subject precedes the change
        wide = _ZH_VALUE.sub("", subjects_zh.zh_clause(text, first.start))
        local = subjects_zh.clean_zh(wide, ctx.period_texts)
    if k > 1 and ctx.items and len(ctx.items) == k and not subjects_zh.split_zh_list(local, k):
        return [item + local for item in ctx.items]
    leaning = subjects_zh.is_anaphoric_zh(local) and not ctx.last_subjects
    if local in _BARE_ZH:  # 规模以上互联网企业实现利润总额: the one who 实现 owns it
        owner = subjects_zh.zh_verb_owner(clause, ctx.period_texts)
        local = subjects_zh.merge_zh(owner, local) if owner else local
    if not local or subjects_zh.is_generic_zh(local) or local in _BARE_ZH or leaning:
        head = _previous_clause_subject(ctx, first.start)
        local = subjects_zh.merge_zh(head, local) if head else local
    if subjects_zh.is_anaphoric_zh(local) and ctx.last_subjects:
        prefix = "、".join(dict.fromkeys(ctx.last_subjects))
        local = prefix + _ZH_ANAPHOR_LEAD.sub("", local)
    if k == 1:
        return [_share_owner_zh(ctx, local, first.start) if first.unit == "percent" else local]
    items = subjects_zh.split_zh_list(local, k)
    if items:
        ctx.items = items
        return items
    return [local] * k


def _previous_clause_subject(ctx: SentenceContext, start: int) -> str:
    """Subject of the clause before the one holding ``start`` (网约车…用户规模增长明显).

    A clause that only sizes the value before it (相当于1万多部高清电影) is passed over, and a
    bare head (增加值为39322亿元) takes the clause before it too: 其次是信息通信技术服务业,
    增加值为…, 所占比重为… → 信息通信技术服务业增加值. At most ``_CLAUSES_BACK`` clauses."""
    text = ctx.text
    end = start - len(subjects_zh.zh_clause(text, start)) - 1  # the delimiter before it
    found = ""
    for _ in range(_CLAUSES_BACK):
        if end < 0:
            break
        clause = subjects_zh.zh_clause(text, end)
        end -= len(clause) + 1
        if _RESTATING_CLAUSE_ZH.match(clause):
            continue
        head = _ZH_COUNTED.sub("", clause)
        head = subjects_zh.strip_zh_predicate(subjects_zh.clean_zh(head, ctx.period_texts))
        found = subjects_zh.merge_zh(head, found) if found else head
        if head and head not in _BARE_ZH and not subjects_zh.is_generic_zh(head):
            break
    return found


def _share_owner_zh(ctx: SentenceContext, local: str, start: int) -> str:
    """``智能算力占比`` after ``中央企业算力规模同比增长近3倍,`` → ``中央企业智能算力占比``: a
    share named only by what it measures belongs to the topic of the clause before (its
    subject up to the first measure word), unless the share already names it."""
    if not _SHARE_TAIL_ZH.match(local):
        return local
    before = _previous_clause_subject(ctx, start)
    cut = _MEASURE_WORD_ZH.search(before)
    topic = before[: cut.start()] if cut else ""
    if len(topic) < 2 or any(topic[i : i + 2] in local for i in range(len(topic) - 1)):
        return local
    return topic + local
