"""The noun phrase an English figure measures, read from the words around it.

English puts it after a count (``3.377 million 5G base stations``), before the verb
(``online retail sales hit RMB 15.42 trillion``) or in an ``of`` phrase after a share
(``29.1 percent of all mobile base stations``). Lists sharing a verb (``A, B and C …
respectively``) are split so each value gets its own item. The phrases stay as written:
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
# Compiled once rather than looked up in re's cache by every en_after/en_main_subject call.
_OF_LEAD = re.compile(r"\s+of\s+")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_GAP_WORD = re.compile(r"[A-Za-z'’-]+")
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
    reaches tops hits totals falls drops declines grow exceed surpass climb expand
    """
)
_EN_LEAD = _words(
    """
    with and while but as the a an of that which where whereas including meanwhile also for
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
    r"(?:equal|equivalent|amounting|amounted) to|equall?ing|contribut(?:e|es|ed|ing))"
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
_EN_ADJECTIVE_LEADS = _words("in of the a an for to at on by with from into")
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


def _used_as_adjective(words: list[str], i: int) -> bool:
    """ "in newly built data centers", "of the established platforms": a participle after an
    -ly adverb, an article or a preposition describes the noun after it; it is no verb."""
    if i == 0 or i == len(words) - 1:
        return False
    before = words[i - 1].lower()
    return before.endswith("ly") or before in _EN_ADJECTIVE_LEADS


def clean_en(phrase: str) -> str:
    """Strip verbs, prepositions and articles a regex window drags along with a subject."""
    phrase = _EN_DATELINE_DASH.split(phrase)[-1]  # "BEIJING, Jan. 19 (Xinhua) -- China's…"
    words = phrase.split()
    while words and (words[-1].lower() in _EN_TRAIL or words[-1].lower().endswith("ly")):
        words.pop()
    cut = -1  # the last word after which the subject starts afresh
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in _EN_CUT_AFTER and not _used_as_adjective(words, i):
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
        m = _OF_LEAD.match(tail)
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
        if lowered in _EN_STOP_AFTER or (word[0].isdigit() and not _ASCII_LETTER.search(word)):
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
    only_verbs = all(w.lower() in _EN_TRAIL for w in _GAP_WORD.findall(gap))
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
