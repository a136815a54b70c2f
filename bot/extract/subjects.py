"""The noun phrase a figure measures, read from the words around it.

English puts it after a count (``3.377 million 5G base stations``) or before the verb
(``online retail sales hit RMB 15.42 trillion``); Chinese before 达/为 (``网民规模达10.92亿``)
or after a classifier (``2577家…网站``). Lists sharing a verb (``A, B and C … respectively``,
``A、B分别…``) are split so each value gets its own item. The phrases stay as written:
they are shown to users, and the catalog maps them to indicators.
"""

from __future__ import annotations

import re

from bot.text.ignorecase import ignorecase_chars, ignorecase_lead


def _words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (easier to read and extend)."""
    return frozenset(text.split())


def _word_list(text: str) -> list[str]:
    """Words (or regex alternatives) in order, written as one whitespace-separated string."""
    return text.split()


_EN_TOKEN = re.compile(r"[A-Za-z0-9$][\w'’&+-]*(?:\.[\w'’&+-]+)*|[^\sA-Za-z0-9]")
_EN_STOP_AFTER = _words(
    """
    is are was were be been being have has had will would can could should may might and
    or but with in on at by for from to that which who whose as than including across
    while reaching accounting up down last this year years respectively nationwide
    worldwide each compared according since during over under per it its their
    """
)
_EN_TRAIL = _words(
    """
    reached reaching reach reaches hit hitting hits was were is are be been being stood
    standing at totaled totalled totaling totalling amounted amounting to surpassed
    surpassing exceeded exceeding exceeds topped rose risen rising grew grown growing
    increased increasing soared jumped climbed fell fallen dropped declined decreased of
    by for with the a an have has had expected respectively accounted accounting account
    accounts constituted up down over nearly about around approximately more than almost
    some registered recorded posted reported achieved attained logged estimated
    projected will would may could should remained stayed in its their total as came
    comes worth valued numbered grows rises increases jumps climbs surges gains expands
    reaches tops hits totals falls drops declines
    """
)
_EN_LEAD = _words(
    """
    with and while but as the a an of that which where whereas including meanwhile also
    bringing pushing raising taking lifting making driving boosting ranking representing
    contributing accounting constituting comprising
    """
)
# Heads that say what is measured but not of what: "X generated revenue of N" keeps X.
_EN_BARE_HEADS = _words(
    """
    revenue revenues sales output income profit profits investment spending exports imports
    value volume turnover
    """
)
# Finite verbs that end a sentence's main subject ("Revenue from A and B came in at N").
_EN_MAIN_VERB = re.compile(
    ignorecase_lead(
        _word_list(
            """
            is are was were stood stands reached reaches hit hits totall?ed totals came comes
            rose grew climbed jumped surged fell dropped declined numbered amounted exceeded
            surpassed topped ranked ranks accounted made generated recorded posted registered
            had has have
            """
        ),
        not_after=r"\w",
    )
    + r"\b",
    re.IGNORECASE,
)
_EN_DENSITY = re.compile(
    r"\s*(?:per|for every|for each)\s+(?P<n>[\d,.]+|one hundred|a hundred|one thousand|a thousand)"
    r"\s+(?P<who>people|persons|residents|inhabitants|households|population)\b",
    re.IGNORECASE,
)
# Verbs that make a percentage a share of a whole: "made up 29.1 percent of all …".
_EN_SHARE_VERB = re.compile(
    r"\b(?:(?P<strong>ma(?:de|ke|kes|king) up|account(?:s|ed|ing)? for|represent(?:s|ed|ing)?|"
    r"constitut(?:e|es|ed|ing)|compris(?:e|es|ed|ing))|"
    r"(?:equal|equivalent|amounting|amounted) to|equall?ing)"
    r"(?:\s+(?:up|about|around|roughly|nearly|almost|approximately|some|over|more than|"
    r"less than|just over|just under))*\s+$",
    re.IGNORECASE,
)
_EN_PARTITIVE = re.compile(r"\b(?:of|among)\s+(?:whom|which|them|these|those)\s+$", re.I)
_EN_COPULA = re.compile(r"\s+(?:were|are|was|is)\s+(?=\S)", re.I)
_EN_DATELINE_DASH = re.compile(r"\s(?:—|--|–)\s")
_EN_SUBCLAUSE = re.compile(r"\b(?:while|whereas|but)\b|;", re.I)
SHARE_EN = re.compile(r"^share of (?P<part>.+) in (?P<whole>.+)$")
_EN_QUOTED = re.compile(r"\s?[\"“]([^\"”]{1,60})[\"”]")
_EN_OBJECT_VERBS = _words(
    """
    cover covers covered have has had reach raise lift bring make achieve ensure keep exceed
    serve serves """
)
_EN_SENTENCE_LEAD = re.compile(
    r"^\s*(?:\(?\d{1,2}[.)]\s+)?(?:(?:In|By|As of|At|During|Since|Over|For|Meanwhile|Moreover|"
    r"Also|However|Overall|Besides|Among them|Of this|Of these)\b[^,]{0,60},\s*)?"
)
_EN_PARTICIPLE = re.compile(
    r"^\s*(?:reaching|hitting|standing at|totall?ing|accounting for|representing|making up|"
    r"rising|growing|increasing|climbing|falling|dropping|up|down)\b",
    re.IGNORECASE,
)
_EN_LEAD_JUNK = _EN_LEAD | {"respectively", ""}
_EN_CUT_AFTER = _words(
    """
    is are was were had has have involved initiating launched launching showed shows
    said says saw noted including according making bringing pushing raising taking
    lifting ranking driving boosting constructed built established achieved generated
    aimed aims aim plans planned seeks sought vowed pledged raise
    """
)
_EN_GENERIC = _words(
    """
    locations places sites units items pieces blocks sets cases times regions areas
    provinces cities
    """
)


def _clause_break(words: str, *, comma: bool) -> re.Pattern[str]:
    r"""``,(?!\d{3})|[;:(\"“”]|\b(?:w1|w2|…)\b\s`` (the comma branch only with ``comma``), with
    the first character matched on its own, case-sensitively, so the regex engine can jump
    between the characters a clause break starts with (with re.IGNORECASE and a leading \b it
    would try every position); each branch checks that character in a lookbehind."""
    marks = ',;:("“”' if comma else ';:("“”'
    first = marks + ignorecase_chars(word[0] for word in _word_list(words))
    by_comma = r"(?<=,)(?!\d{3})|" if comma else ""
    by_word = "|".join(f"(?<={word[0]}){word[1:]}" for word in _word_list(words))
    return re.compile(
        rf"(?-i:[{first}])(?:{by_comma}(?<=[;:(\"“”])|(?<!\w[\s\S])(?:{by_word})\b\s)", re.I
    )


_EN_CLAUSE = _clause_break("while whereas with but which as and", comma=True)
_EN_CLAUSE_NO_AND = _clause_break("while whereas with but which", comma=False)
_PRONOUNS = _words(
    """
    it this that these those they china the country figure total
    """
)

_ZH_CLAUSE_MAX = 120  # a clause longer than this is a run-on list, not a subject
_ZH_DELIM = "，,。；;：:！？!?（()）\n"
# Greedy: matches up to (and including) the last delimiter between pos and endpos.
_ZH_LAST_DELIM = re.compile("(?s).*[" + re.escape(_ZH_DELIM) + "]")
_ZH_OPENING_PAREN = {"）": "（", ")": "("}
_ZH_PAREN = re.compile(r"[（(][^（()）]*[)）]")
# Who a verb's subject is when it qualifies the measure: 东部地区完成…收入, 工业软件产品实现收入.
_ZH_QUALIFIER_HEAD = re.compile(r"(?:地区|省份|省|市|企业|产品|行业|平台|园区|领域|部门)$")
_ZH_NUMBERED_HEAD = re.compile(r"^[一二两三四五六七八九十\d]+[家个类]|^规模以上")
_ZH_LEAD = re.compile(
    r"^(?:其中|此外|同时|另外|目前|当前|全年|数据显示|报告显示|统计显示|包括|以及|和|及|"
    r"截至|截止|到|经初步核算)+"
)
_ZH_LEAD_VERB = re.compile(
    r"^(?:中国|我国|全国)?(?:累计|共|已|新)?(?:建成|发展|完成|实现|培育|打造|拥有|建设|开通|"
    r"部署|形成|选取|连接|接入|覆盖|推出|发布|认定|遴选|带动)"
)
_ZH_NOUN_RUN = re.compile(r"[^，,。；;：:！？!?（()）\s\d]{1,30}")
_ZH_QUALIFIER_LEAD = re.compile(r"^(?:以上|左右|余|多)")
_ZH_ADVERB_TAIL = re.compile(r"(?:分别|均|共|累计|合计|总计|已)+$")
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


def clean_en(phrase: str) -> str:
    """Strip verbs, prepositions and articles a regex window drags along with a subject."""
    phrase = _EN_DATELINE_DASH.split(phrase)[-1]  # "BEIJING, Jan. 19 (Xinhua) -- China's…"
    words = phrase.split()
    while words and (words[-1].lower() in _EN_TRAIL or words[-1].lower().endswith("ly")):
        words.pop()
    cut = -1  # the last word after which the subject starts afresh
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _EN_CUT_AFTER:
            cut = i
            break
    if cut == len(words) - 1:
        return ""  # "analysts said 25%": the verb's subject is not what the number measures
    if 0 <= cut < len(words) - 1:
        head = words[:cut]
        words = words[cut + 1 :]
        if len(words) == 1 and words[0].lower() in _EN_BARE_HEADS and head:
            words = [*head, *words]  # "the industry generated revenue" → industry revenue
    while words and (words[0].strip(",").lower() in _EN_LEAD_JUNK or words[0] == ","):
        words.pop(0)
    return " ".join(words).strip(" ,.;")


def en_after(text: str, end: int, *, after_of: bool = False) -> str:
    """The noun phrase right after a count: ``5G base stations`` in ``3.377 million 5G base
    stations had``; with ``after_of`` the phrase after ``of`` (``zettabytes of data``). A
    density stays with its noun: ``26 5G base stations for every 10,000 people`` is
    ``5G base stations per 10,000 people``."""
    tail = text[end : end + 120]
    quoted = _EN_QUOTED.match(tail)
    if quoted and not after_of:  # 421 "5G factories", 10,000 "5G + X" projects
        rest = en_after(text, end + quoted.end())
        return f"{quoted.group(1).strip()} {rest}".strip()
    if after_of:
        m = re.match(r"\s+of\s+", tail)
        if not m:
            return ""
        tail = tail[m.end() :]
    words: list[str] = []
    stop = len(tail)
    for token in _EN_TOKEN.finditer(tail):
        word = token.group()
        lowered = word.lower()
        if not (word[0].isalnum() or word[0] == "$") or len(words) >= 7:
            stop = token.start()
            break
        if lowered == "of" and words:
            words.append(word)
            continue
        if lowered in _EN_STOP_AFTER or (word[0].isdigit() and not re.search(r"[A-Za-z]", word)):
            stop = token.start()
            break
        words.append(word)
    while words and words[-1].lower() == "of":
        words.pop()
    phrase = " ".join(words).rstrip(".")
    density = _EN_DENSITY.match(tail, stop) if phrase and not after_of else None
    if density:
        phrase += f" per {density.group('n')} {density.group('who')}"
    return phrase


def en_partitive(text: str, start: int, end: int) -> str:
    """``of whom 561 million were 5G mobile phone users``: a part of a whole named before,
    whose own noun comes after the copula."""
    if not _EN_PARTITIVE.search(text, max(0, start - 20), start):
        return ""
    copula = _EN_COPULA.match(text, end)
    return en_after(text, copula.end()) if copula else ""


def en_share(text: str, start: int) -> tuple[int, bool] | None:
    """Where the share verb governing the value at ``start`` begins (``made up`` in ``5G base
    stations made up 29.1 percent of all…``, ``equal to 42.8 percent of GDP``), and whether
    it makes a share on its own (``accounting for 26 percent``) rather than only with an
    ``of`` whole after the value (``equal to``); None without one."""
    m = _EN_SHARE_VERB.search(text, max(0, start - 40), start)
    return (m.start(), m.group("strong") is not None) if m else None


def en_share_name(part: str, whole: str) -> str:
    """``share of 5G base stations in all mobile base stations``."""
    if not part:
        return f"share of {whole}" if whole else ""
    return f"share of {part} in {whole}" if whole else f"share of {part}"


def en_before(text: str, start: int, *, floor: int = 0, keep_and: bool = False) -> str:
    """The subject of the clause that ends at ``start`` (``online retail sales`` in
    ``In 2023, China's online retail sales hit``), never reaching back past ``floor``."""
    window = text[max(0, floor, start - 200) : start]
    pattern = _EN_CLAUSE_NO_AND if keep_and else _EN_CLAUSE
    cuts = [m.end() for m in pattern.finditer(window)]
    clause = window[cuts[-1] :] if cuts else window
    subject = clean_en(clause)
    if subject.lower() in _PRONOUNS:
        return ""
    return subject


def en_main_subject(text: str, start: int, *, participle: bool = True) -> str:
    """The sentence's grammatical subject when the value belongs to its main verb.

    ``Revenue from A and B came in at N``: the clause splitter would stop at ``and``, but
    only verb words (``came in at``) separate the subject from the value, so all of it is
    the subject. A participle clause (``X ranked second, reaching N``) also takes it, unless
    ``participle`` is off (an earlier figure of the sentence is the nearer antecedent).
    Returns "" when the value sits in some other clause.
    """
    lead = _EN_SENTENCE_LEAD.match(text)
    begin = lead.end() if lead else 0
    if begin >= start:
        return ""
    verb = _EN_MAIN_VERB.search(text, begin, start)
    if verb is None or verb.start() == begin:
        return ""
    if _EN_SUBCLAUSE.search(text, begin, verb.start()):
        return ""  # "X produced …, while total data storage capacity reached N"
    subject = clean_en(text[begin : verb.start()])
    gap = text[verb.start() : start]
    tail = gap[gap.rfind(",") + 1 :] if "," in gap else None
    only_verbs = all(w.lower() in _EN_TRAIL for w in re.findall(r"[A-Za-z'’-]+", gap))
    participle = participle and tail is not None and bool(_EN_PARTICIPLE.match(tail))
    if (only_verbs and "," not in gap) or participle:
        return "" if subject.lower() in _PRONOUNS else subject
    return ""


def ends_in_verb(phrase: str) -> bool:
    """``to cover``, ``aims to raise``: the words before a share govern it as an object, so
    the share's own ``of`` phrase (``45 percent of large firms``) names what it measures."""
    words = phrase.lower().split()
    if not words:
        return False
    return words[-1] in _EN_OBJECT_VERBS or (len(words) >= 2 and words[-2] == "to")


def is_generic_en(phrase: str) -> bool:
    """``locations``, ``units``: a count's noun that says too little on its own."""
    return phrase.lower() in _EN_GENERIC


def split_en_list(phrase: str, k: int) -> list[str] | None:
    """``A, B and C`` → [A, B, C] when it has exactly ``k`` items."""
    parts = [p for p in re.split(r",\s*(?:and\s+)?|\s+and\s+", phrase) if p.strip()]
    if len(parts) != k:
        return None
    return [clean_en(p) or p.strip() for p in parts]


def find_en_list(text: str, k: int) -> list[str] | None:
    """The last list of exactly ``k`` short noun phrases in ``text`` (``Online car-hailing,
    travel booking and online literature``), for ``the three sectors … respectively``."""
    if k < 2 or "and" not in text or text.count(",") < k - 2:
        return None  # the pattern needs both; it is slow to find that it cannot match
    item = r"[A-Za-z][\w'’-]*(?:\s[A-Za-z][\w'’-]*){0,3}"
    middle = rf"(?:,\s*{item}){{{k - 2}}}"
    pattern = re.compile(rf"({item}){middle},?\s+and\s+({item})")
    found = None
    for m in pattern.finditer(text):
        found = m
    if not found:
        return None
    inner = re.split(r",\s*|,?\s+and\s+", found.group())
    size = max((len(p.split()) for p in inner[1:-1]), default=2)
    first = [w for w in inner[0].split()[-size:] if w.lower() not in _EN_LEAD]
    last = inner[-1].split()[:size]
    while last and last[-1].lower() in _EN_STOP_AFTER | _EN_TRAIL:
        last.pop()
    items = [" ".join(first), *inner[1:-1], " ".join(last)]
    return items if all(items) else None


def zh_after(text: str, end: int) -> str:
    """The noun after a Chinese count (``网站和APP`` in ``2577家…网站和APP完成…``)."""
    m = _ZH_NOUN_RUN.match(text, end)
    if not m:
        return ""
    phrase = m.group()
    stop = _ZH_AFTER_STOP.search(phrase)
    if stop:
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
        or phrase.startswith(("占", "在", "比重", "比例", "高出", "高于", "低于", "拉动", "合计"))
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
