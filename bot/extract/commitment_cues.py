"""Decide whether one sentence states a forward-looking policy commitment, and by when.

A commitment is what a government body says it will do or a policy text sets as a task
or target. Releases mix these with statistics about the past, event logistics ("the
summit will feature…"), forecasts ("output is expected to have risen") and expert
comment, so a sentence needs a forward cue and must not look like one of those.

English cues are modals (will, should), intent verbs (plans to, aims to), goal phrases
(with the goal of), first-person present work ("we are expediting"), "there's an
active push to", and "is expected to" only when tied to a target year or a plan (a
planned outcome, not a forecast).

Chinese cues come in two strengths: modals and targets (将, 要, 力争, 下一步, 到2025年)
count alone; policy verbs (推动, 加快, 完善…) count only when a policy
text or body is the subject or the sentence opens with the verb, and never in a sentence
marked as past (已, 截至, 近年来, 均完成, 召开, a clause opening with a bare year),
because statistical copy uses the same verbs for what already happened.

Directives are commitments: a readout's "The meeting called for / proposed that /
emphasized the need to …", "Key objectives include …", and a target-year outcome ("By the
end of 2025, the system will have taken shape").

A task in a policy text may open with the field it applies to (在医疗、交通等领域遴选…,
围绕…领域,打造…): such a frame followed by a task verb counts like an opening verb. A policy
verb with only a policy subject does not count when the sentence also reports a result
(形成…格局, 获得感持续增强) or counts the places acted on (指导…7个城市建设…): work done.

将 is also 把 ("北京等21个地区还将数字政府建设纳入数据工作范围": a counted subject, then 将 + object
+ a disposal verb such as 纳入 in one clause): that 将 reports what was done and is no cue.

Numbered task lists (``is_task_heading``): a short sentence "一是加快完善制度规则。" /
"二要…" / "第三，…" is a heading naming an area, not a commitment itself; the sentences under
it are tasks even without 将/要 (建立健全…, 组织开展…) unless marked as past
(``is_listed_task``). ``commitments.find_commitments`` reports them with that area.
"""

from __future__ import annotations

import re

from bot.extract.wordlists import CUES, TARGET_LEAD_ZH, TARGET_YEAR_LEAD, alternation
from bot.text.ignorecase import ascii_words, caseless, lower_ascii_words


def _plural(words: str) -> str:
    """``words`` and each with an s: what ``(?:a|b)s?`` can match."""
    return " ".join(f"{word} {word}s" for word in words.split())


_WORDS = CUES["commitments"]
_MODALS: list[str] = _WORDS["modals_en"]
_INTENT_VERBS: list[str] = _WORDS["intent_verbs_en"]
_INTENT_AFTER_BE: list[str] = _WORDS["intent_after_be_en"]
_DIRECTIVES: list[str] = _WORDS["directives_en"]
_GOAL_NOUNS: list[str] = _WORDS["goal_nouns_en"]
_EN_MODAL = re.compile(rf"\b(?:{alternation(_MODALS)})\b(?!\s+have\b)", re.IGNORECASE)
_NOUN_DETERMINER = r"(?<!\bthe )(?<!\ba )(?<!\bits )(?<!\btheir )(?<!\bthis )(?<!\bthat )(?<!'s )"
# Each branch of the intent cue with the words it cannot match without (whole words of the
# ``caseless`` text, any one of them): a branch is searched only when one is there. The first
# branch's leading \b(?=[paisvce]) says which letter its words start with, so its
# lookbehinds are not tried everywhere.
_EN_INTENT_BRANCHES: tuple[tuple[str, str], ...] = (
    (
        " ".join(_INTENT_VERBS + _INTENT_AFTER_BE),
        rf"\b(?=[{''.join(sorted({w[0] for w in _INTENT_VERBS} | {'i', 'a'}))}])"
        + _NOUN_DETERMINER
        + rf"(?:{alternation(_INTENT_VERBS)}|(?:is|are) (?:{alternation(_INTENT_AFTER_BE)}))"
        + r"\s+to\b",
    ),
    ("due slated poised", r"\b(?:is|are) (?:due|slated|poised) to\b"),
    ("be", r"\b(?:is|are) to be \w+ed\b"),
    ("aim goal objective purpose", r"\bwith the (?:aim|goal|objective|purpose) of\b"),
    (
        _plural("aim goal target objective priority task focus"),
        r"\b(?:aim|goal|target|objective|priority|task|focus)s? (?:is|are) to\b",
    ),
    ("our", r"\bour (?:aim|goal|target|objective|priority|task|focus)s? (?:is|are)\b"),
    (
        "encouraged urged required",
        r"\b(?:is|are) (?:being )?(?:encouraged|urged|required) to\b",
    ),
    ("forward", r"\b(?:going|moving) forward\b"),
    ("next", r"\bnext steps?\b"),
    ("coming", r"\bin the coming (?:years?|months)\b"),
    (
        "there",
        r"\bthere(?:'s|’s| is| are) (?:also |now )?(?:an? )?(?:active |proactive |strong |renewed |"
        r"continued |concerted )?(?:push|approach|efforts?|drive)\b",
    ),
    (
        "call calls proposes stipulates urges sets outlines aims aim",
        r"\b(?:plan|guidelines?|document|opinions?|circular|measures|regulations?|rules|notice|"
        r"policy|framework|strategy|roadmap)\b[^.]{0,60}?\b(?:calls? for|proposes|stipulates|"
        r"urges|sets (?:out|forth)|sets (?:a |the )?(?:goals?|targets?)|outlines"
        r"|aims? (?:for|at))\b",
    ),
    (" ".join({d.split()[0] for d in _DIRECTIVES}), rf"\b(?:{alternation(_DIRECTIVES)})\b"),
    (
        " ".join(_GOAL_NOUNS),
        rf"\b(?:{alternation(_WORDS['goal_adjectives_en'])})\s+(?:{alternation(_GOAL_NOUNS)})"
        rf"\s+(?:{alternation(_WORDS['goal_verbs_en'])})\b",
    ),
    (
        "have",
        rf"{TARGET_YEAR_LEAD}20\d\d\b.*\bwill have (?:been )?\w+(?:ed|en|wn)\b"
        rf"|\bwill have (?:been )?\w+(?:ed|en|wn)\b.*{TARGET_YEAR_LEAD}20\d\d\b",
    ),
)
_EN_INTENT_GATED = tuple(
    (frozenset(words.split()), re.compile(source, re.IGNORECASE))
    for words, source in _EN_INTENT_BRANCHES
)


def _branches_by_word(
    gated: tuple[tuple[frozenset[str], re.Pattern[str]], ...],
) -> dict[str, list[int]]:
    """Each gate word with the places in ``gated`` of the branches it opens, so a sentence
    looks up its few gate words instead of testing every gate."""
    by_word: dict[str, list[int]] = {}
    for index, (gate, _) in enumerate(gated):
        for word in gate:
            by_word.setdefault(word, []).append(index)
    return by_word


_EN_INTENT_BY_WORD: dict[str, list[int]] = _branches_by_word(_EN_INTENT_GATED)
_EN_INTENT_WORDS = frozenset(_EN_INTENT_BY_WORD)
_EN_WE = re.compile(
    r"\bwe\s+(?:are|'re|’re)\s+(?:\w+ly\s+)?\w+ing\b"
    r"|\bwe\s+(?:will|shall|plan|aim|intend|seek|strive|continue|focus|must|need|should)\b",
    re.IGNORECASE,
)
_EN_PLANNED_OUTCOME = re.compile(
    rf"\b(?:is|are) expected to\b(?!\s+have\b)(?=.*(?:{TARGET_YEAR_LEAD}20\d\d\b|"
    r"\baccording to (?:the|a) (?:\S+ ){0,3}(?:plan|guidelines?|roadmap|strategy)\b))",
    re.IGNORECASE,
)
_EN_REPORTED = re.compile(
    r"\b(?:said|says|stated|noted|added|pledged|vowed|announced|stressed|promised)\b"
    r"[^.;]*\bwould\b(?!\s+have\b)",
    re.IGNORECASE,
)
_EN_EVENT = re.compile(
    r"\b(?:will|would|to)\s+(?:be held|take place|attend|be attended|feature|kick off|gather|"
    r"bring together|run through|last)\b"
    rf"|^(?:[\w'’-]+ ){{0,5}}(?:{alternation(_WORDS['event_nouns_en'])})s?\b(?:,[^,]*,)?"
    r"\s*(?:will|would)\b",
    re.IGNORECASE,
)
# Turn-taking and press logistics in transcripts ("I will ask Mr. Chen to take this
# question", "the full text will be posted") use "will" but commit to no policy.
_EN_LOGISTICS = re.compile(
    r"\b(?:ask|invite|let)\b[^;]{0,40}\b(?:to (?:take|answer|respond to|address)|questions?)\b"
    r"|\b(?:full text|transcript|press office|live ?stream|recording|video)\b[^.;]{0,30}"
    r"\bwill be\b|\bcan be reached\b",
    re.IGNORECASE,
)
_EN_EFFECT = re.compile(
    r"^(?:this|it|that|these|such \w+|the (?:move|measure|measures|initiative|step|development|"
    r"trend))\b[^,]{0,40}?\bwill\s+(?:\w+ly\s+)?(?:help|boost|bring|inject|contribute|benefit|"
    r"be conducive|lay|provide|create|have)\b",
    re.IGNORECASE,
)
_EN_EXPERT = re.compile(
    rf"\b(?:{alternation([*_WORDS['expert_nouns_en'], 'research fellow'])})s?\b"
    r"|\bdirector of (?:the )?[\w ]*(?:institute|university|school)\b",
    re.IGNORECASE,
)
_EN_IMPERATIVE = re.compile(
    r"^(?:\(?\d+\)?[.)]?\s+)?(?:Accelerate|Promote|Strengthen|Improve|Advance|Build|Establish|"
    r"Support|Encourage|Deepen|Optimi[sz]e|Foster|Enhance|Expand|Develop|Cultivate|Refine|"
    r"Implement|Explore|Guide|Ensure)\s+(?:the\s+)?[a-z]"
)

_BOOK_TITLE = re.compile(r"《[^》]*》")
# 将 = 把 in status copy: a counted subject (21个地区), then 将 + object + a disposal verb
# (纳入, 列入…) in one clause. Such a 将 is read as 把 (no forward cue).
_ZH_DISPOSAL = re.compile(
    r"(\d+[个家所项][^，,。；;]{0,12}?)将(?=[^，,。；;]{1,30}?"
    rf"(?:{alternation(_WORDS['disposal_verbs_zh'])}))"
)
# Each alternative opens with its character (lookbehinds after it), so the engine jumps between
# the characters a cue can start with.
_ZH_STRONG = re.compile(
    r"将(?<!即将)(?![近军领士])|要(?<![主重需只纪摘必首简概提扼]要)(?![素求点闻件务害紧是么])"
    r"|力争|争取|下一步|今后|接下来|后续|旨在|务必|必须|应当|未来(?:[一二三四五六七八九十几]+年|将|要)"
)
# A target year: 到2025年, 2025年底前 (the year captured, in one of the two groups).
_ZH_TARGET_YEAR = rf"{TARGET_LEAD_ZH}(20\d\d)\s*年|(20\d\d)\s*年(?:底|末)?(?:前|以前)"
_ZH_TARGET = re.compile(_ZH_TARGET_YEAR)
_ZH_POLICY_VERB = alternation(_WORDS["policy_verbs_zh"])
_ZH_WEAK = re.compile(_ZH_POLICY_VERB)
_ZH_OPENING = re.compile(
    r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|"
    r"首先|其次|同时|此外|其中|另外|再次|最后)?[,，、\s]*(?:" + _ZH_POLICY_VERB + ")"
)
_ZH_POLICY_SUBJECT = re.compile(alternation(_WORDS["policy_subjects_zh"]))
# "在医疗、交通等领域遴选…", "围绕…领域,打造…": a frame naming the field, then a task verb
# (a frame with a digit is a date or a figure: "在2023年建设…" reports).
_ZH_FRAMED_TASK = re.compile(
    rf"^(?:{alternation(_WORDS['task_frames_zh'])})[^。；;\d,，]{{1,40}}?"
    rf"(?:(?:{alternation(_WORDS['task_frame_closers_zh'])})[,，]?|[,，])\s*"
    rf"(?:{alternation(_WORDS['task_verbs_zh'] + _WORDS['policy_verbs_zh'])})"
)
_ZH_STATUS_RESULT = re.compile(alternation(_WORDS["status_results_zh"]))
# A count of places or bodies the verb acts on ("指导合肥、成都等7个城市建设…"): work done.
_ZH_COUNTED_BODIES = re.compile(r"\d+个(?:城市|地区|省|省份|部门|单位)")
_ZH_PAST = re.compile(
    alternation(_WORDS["past_markers_zh"] + _WORDS["achieved_zh"])
    # "会议指出,2024年,合肥市…": a clause opening with a bare year (no 到/底前) reviews it.
    + r"|(?:^|[，,：:])(?:19|20)\d\d年[，,]"
)
_ZH_NUMERAL = "一二三四五六七八九十"
# "一是加快完善制度规则。", "二要担当敢为推进改革攻坚。", "第三，培育数据产业。": the whole sentence
# is the heading (no comma after the topic), at most 24 characters of topic.
_ZH_TASK_HEADING = re.compile(
    rf"^(?:[{_ZH_NUMERAL}]+(?:{alternation(_WORDS['task_ordinals_zh'])})|第[{_ZH_NUMERAL}]+[,，、:：]?)"
    r"\s*(?P<topic>[^，,；;。:：]{2,24})[。.；;]?$"
)
# A policy verb that ends its clause ("机构职能进一步强化,") reports a state; a task's verb
# takes an object.
_ZH_CLAUSE_END = frozenset("，,。；;：:！!？?、") | {""}
_ZH_FORECAST = re.compile(alternation(_WORDS["forecast_zh"]))
_ZH_FORWARD = re.compile(alternation(_WORDS["forward_zh"]))
_ZH_EVENT = re.compile(
    r"(?:峰会|论坛|大会|会议|博览会|展览会|开幕式|活动|大赛|发布会)[^，,。]{0,20}将[^。]{0,30}"
    r"(?:举办|举行|召开|开幕|闭幕)|将(?:出席|参加|参会)"
)

_EN_DEADLINE = re.compile(
    rf"{TARGET_YEAR_LEAD}(20\d\d)\b|\b(?:between|from)\s+20\d\d\s+(?:and|to)\s+(20\d\d)\b"
    r"|\b20\d\d\s*[-–—]\s*(20\d\d)\b",
    re.IGNORECASE,
)
_EN_FUTURE_TURN = re.compile(r"\b(?:will|shall|should|(?:plans|aims) to)\b", re.IGNORECASE)
_EN_IN_YEAR = re.compile(r"\bin (20\d\d)\b")
# Words each English pattern needs (whole words of the ``caseless`` text, any one of them):
# the pattern is only tried when one is there, since an IGNORECASE pattern without a literal
# prefix is tried at every position.
_EN_MODAL_WORDS = frozenset(_MODALS)
_EVENT_NOUNS = _plural(" ".join(_WORDS["event_nouns_en"]))
_EN_EVENT_WORDS = frozenset(
    f"held place attend attended feature kick gather bring run last {_EVENT_NOUNS}".split()
)
_EXPERT_NOUNS = _plural(" ".join(_WORDS["expert_nouns_en"]))
_EN_EXPERT_WORDS = frozenset(f"{_EXPERT_NOUNS} research director".split())
# ask/invite/let, a word of full text … stream … video (each branch needs one), reached.
_EN_LOGISTICS_WORDS = frozenset(
    {"ask", "invite", "let", "text", "transcript", "office", "livestream", "stream"}
    | {"recording", "video", "reached"}
)
_YEAR_20XX = re.compile(r"20\d\d")

_ZH_DEADLINE = re.compile(_ZH_TARGET_YEAR + r"|20\d\d\s*[-–—~～至到]\s*(20\d\d)\s*年")


def words_of(text: str) -> frozenset[str]:
    """The whole ASCII words of ``text`` as re.IGNORECASE sees them, for the word gates."""
    words = lower_ascii_words(text)
    return frozenset(ascii_words(caseless(text)) if words is None else words)


def is_commitment_en(text: str) -> bool:
    """A forward cue, and neither event or press logistics, an effect forecast nor expert
    comment."""
    words = words_of(text)
    cued = (
        (not words.isdisjoint(_EN_MODAL_WORDS) and _EN_MODAL.search(text))
        or _states_intent(text, words)
        or ("we" in words and _EN_WE.search(text))
        or ("would" in words and _EN_REPORTED.search(text))
        or ("expected" in words and _EN_PLANNED_OUTCOME.search(text))
        or _EN_IMPERATIVE.match(text)
    )
    if not cued:
        return False
    return not (
        (not words.isdisjoint(_EN_EVENT_WORDS) and _EN_EVENT.search(text))
        or _EN_EFFECT.search(text)
        or (not words.isdisjoint(_EN_EXPERT_WORDS) and _EN_EXPERT.search(text))
        or (not words.isdisjoint(_EN_LOGISTICS_WORDS) and _EN_LOGISTICS.search(text))
    )


def _states_intent(text: str, words: frozenset[str]) -> bool:
    """Whether an intent branch whose gate ``words`` open matches (each searched once)."""
    opened = words & _EN_INTENT_WORDS
    if not opened:
        return False
    branches = {index for word in opened for index in _EN_INTENT_BY_WORD[word]}
    return any(_EN_INTENT_GATED[index][1].search(text) for index in sorted(branches))


def is_commitment_zh(text: str) -> bool:
    """Never events or forecasts (预计, 有望). In a sentence marked as past only an explicit
    next step (下一步) or a policy body's 将/要 counts; otherwise a strong cue, a target year,
    or a policy verb with a policy subject (or opening the sentence) and an object after it (a
    verb that ends its clause, 职能进一步强化, reports a state)."""
    bare = _BOOK_TITLE.sub("《》", text)
    if _ZH_EVENT.search(bare) or _ZH_FORECAST.search(bare):
        return False
    if "将" in bare:
        bare = _ZH_DISPOSAL.sub(r"\1把", bare)
    strong = _ZH_STRONG.search(bare)
    if _ZH_PAST.search(bare):
        return bool(
            _ZH_FORWARD.search(bare)
            or (strong and _ZH_POLICY_SUBJECT.search(bare, 0, strong.start()))
        )
    if strong:
        return True
    if _ZH_TARGET.search(bare) or _ZH_OPENING.match(bare) or _ZH_FRAMED_TASK.match(bare):
        return True
    subject = _ZH_POLICY_SUBJECT.search(bare)  # the first; a verb must come after one
    if subject is None or _ZH_STATUS_RESULT.search(bare) or _ZH_COUNTED_BODIES.search(bare):
        return False  # no policy subject, or a report of work done
    return any(
        bare[weak.end() : weak.end() + 1] not in _ZH_CLAUSE_END
        for weak in _ZH_WEAK.finditer(bare, subject.end())
    )


def is_task_heading(text: str) -> str | None:
    """The area a numbered task-list heading names ("一是加快完善制度规则。" → 加快完善制度规则),
    else None. A heading is not a commitment itself: it names what the tasks under it are."""
    # "…集中力量抓好以下四个方面工作:一要率先有为推进重点任务。": the lead-in and the first
    # heading in one sentence; the heading is what follows the colon.
    text = text[max(text.rfind("："), text.rfind(":")) + 1 :]
    if not text or (text[0] not in _ZH_NUMERAL and not text.startswith("第")):
        return None
    match = _ZH_TASK_HEADING.match(text)
    return match.group("topic") if match else None


def is_listed_task(text: str) -> bool:
    """A sentence under a task-list heading: a task unless it reads as past or forecast (the
    heading, not a cue word, makes it forward-looking)."""
    bare = _BOOK_TITLE.sub("《》", text)
    if _ZH_EVENT.search(bare) or _ZH_FORECAST.search(bare):
        return False
    return not _ZH_PAST.search(bare) or is_commitment_zh(text)


def is_commitment(text: str, language: str) -> bool:
    """Dispatch on language ('zh' or anything else for English)."""
    return is_commitment_zh(text) if language == "zh" else is_commitment_en(text)


def find_deadline(text: str, language: str) -> str | None:
    """The latest target year the sentence states ('by 2027', '到2025年', '2024-2026'); in
    English also 'in 2025' once the sentence has turned to the future ('will … in 2025'),
    since a year before the modal dates a past event ('the plan, released in 2022, will')."""
    if not _YEAR_20XX.search(text):
        return None  # every deadline pattern names a year 20xx
    pattern = _ZH_DEADLINE if language == "zh" else _EN_DEADLINE
    years = [year for match in pattern.finditer(text) for year in match.groups() if year]
    if not years and language != "zh" and (modal := _EN_FUTURE_TURN.search(text)):
        years = _EN_IN_YEAR.findall(text, modal.end())
    return max(years) if years else None
