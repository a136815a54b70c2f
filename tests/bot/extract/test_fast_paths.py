"""The speed-ups' cheap pre-checks give the same answers as the patterns they guard.

Each fast path (a keyword test before a case-insensitive regex, a branch-by-branch date
search, a bounded abbreviation search) must agree with the plain pattern it guards, which
stays in the module as the documented meaning, on every input, including the characters
re.IGNORECASE equates with ASCII letters (İ ı ſ K). Comparisons with copies of replaced code
(the catalog scan before its index, the sentence-by-sentence period carry, the year scan)
were removed: the catalog, figure and corpus tests state those behaviours directly.
"""

from __future__ import annotations

import random
import re

import pytest

from bot.extract import commitment_cues, segments, summary
from bot.text import furniture, ignorecase

_WORD_TEXT = (
    "will shall should must would plans aims seeks is set are committed due slated to be with "
    "the goal target our encouraged going forward next steps coming there's push policy calls "
    "for we are held take place attend summit forum expo professor research director ask invite "
    "let will be reached full text transcript press office live stream livestream recording "
    "can be reached Photo photo taken on pictured graphic: image video (Xinhua) March 5, "
    "2024 Mar. 5 2024 5 March 2024 2024-03-05 2024年3月5日 10:30 Monday 星期一 Source: Issue 28 "
    "updated | Share Print 分享到 图自新华网 主办方供图 记者李华摄 新华社发 视觉中国 中新网 "
    "No. U.S. Dr. e.g. Mr. 46.1 . ) ） WİLL wıll ſhall ſunday Kelvin K İmage 将 要 下一步"
)
_WORDS = tuple(_WORD_TEXT.split())


def _samples(count: int = 4000) -> list[str]:
    rng = random.Random(3)
    out = []
    for _ in range(count):
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 10)))
        out.append(text + rng.choice(["", ".", "。", ")", "?"]))
    return out


def test_has_date_agrees_with_the_date_pattern() -> None:
    for text in _samples():
        assert furniture.has_date(text) == bool(furniture._DATE.search(text)), text


def test_caption_prechecks_agree_with_the_caption_patterns() -> None:
    for text in _samples():
        plain = bool(furniture._EN_CAPTION.search(text) or furniture._ZH_CAPTION.search(text))
        assert furniture._caption_text(text) == plain, text


def test_share_bar_first_word_check_agrees() -> None:
    for text in [*_samples(), "Share | Print | Email", "【打印】【关闭】", " | 微信 微博"]:
        words = [w for w in furniture._SHARE_SPLIT.split(text.casefold()) if w]
        plain = bool(words) and all(w in furniture._SHARE_WORDS for w in words)
        plain = plain or text.startswith(("分享到", "扫一扫", "【纠错】", "Share this"))
        assert furniture.is_share_bar(text) == plain, text


@pytest.mark.parametrize(
    ("word", "text"),
    [("will", "WİLL"), ("will", "wıll"), ("shall", "ſhall"), ("kick", "KICK"), ("image", "İMAGE")],
)
def test_caseless_keeps_what_ignorecase_matches(word: str, text: str) -> None:
    assert re.search(word, text, re.IGNORECASE)
    assert word in ignorecase.caseless(text)


def test_english_cues_agree_with_the_unguarded_patterns() -> None:
    cues = commitment_cues
    for text in _samples():
        cued = (
            cues._EN_MODAL.search(text)
            or any(branch.search(text) for _, branch in cues._EN_INTENT_GATED)
            or cues._EN_WE.search(text)
            or cues._EN_REPORTED.search(text)
            or cues._EN_PLANNED_OUTCOME.search(text)
            or cues._EN_IMPERATIVE.match(text)
        )
        vetoed = (
            cues._EN_EVENT.search(text)
            or cues._EN_EFFECT.search(text)
            or cues._EN_EXPERT.search(text)
            or cues._EN_LOGISTICS.search(text)
        )
        assert cues.is_commitment_en(text) == bool(cued and not vetoed), text


def test_abbreviation_search_from_the_last_word_agrees() -> None:
    for text in [*_samples(), "No.", "U.S.", "the U.S.", "e.g.", "Co.", "x.No.", "A.B.C."]:
        plain = text.endswith(".") and bool(segments._ABBREVIATIONS.search(text))
        assert segments._ends_in_abbreviation(text) == plain, text


_ZH_END_BY_LOOKBEHIND = re.compile(
    r"(?<=[。！？!?；;])(?![”’」』）)])|(?<=[。！？][”’」』）)])(?![。！？])"
)
_EN_END_BY_LOOKBEHIND = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9\u3400-\u9fff])"
)
_END_TEXT = "。 ！ ？ ! ? ； ; . ” ’ 」 』 ） ) \" ' “ ‘ ( A b 5 中 文"


def test_sentence_cuts_agree_with_splitting_at_lookbehinds() -> None:
    rng = random.Random(11)
    marks = _END_TEXT.split()
    texts = [*_samples()]
    for _ in range(4000):
        texts.append("".join(rng.choice([*marks, " ", "  "]) for _ in range(rng.randint(1, 12))))
    for text in texts:
        assert segments._cut(text, segments._ZH_END) == _ZH_END_BY_LOOKBEHIND.split(text), text
        assert segments._cut(text, segments._EN_END) == _EN_END_BY_LOOKBEHIND.split(text), text


_SUMMARY_TOKEN = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]", re.IGNORECASE)


def test_summary_tokens_agree_with_one_match_per_token() -> None:
    for text in [*_samples(), "网民规模达10.92亿人 Online retail 5G基站", "ſome Kelvin İ ı"]:
        assert summary._tokens(text) == set(_SUMMARY_TOKEN.findall(text.lower())), text


def test_turn_taking_gate_agrees_with_the_pattern() -> None:
    texts = [*_samples(), "I invite Mr. Li to answer.", "请李司长回答", "THANK you for that"]
    for text in texts:
        assert summary._turn_taking(text) == bool(summary._TURN_TAKING.search(text)), text


def test_zh_trail_width_bounds_every_match() -> None:
    from bot.extract import subjects_zh

    assert (
        re._parser.parse(subjects_zh._ZH_TRAIL.pattern).getwidth()[1] <= subjects_zh._ZH_TRAIL_WIDTH
    )


def test_windowed_zh_trail_strip_agrees_with_sub() -> None:
    from bot.extract import subjects_zh

    rng = random.Random(13)
    pieces = [
        "比上年末",
        "较2023年12月末",
        "同比",
        "分别",
        "达到了",
        "为",
        "的",
        "增长至",
        "5G基站",
        "占",
        "\n",
    ]
    for _ in range(4000):
        phrase = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        assert subjects_zh._strip_zh_trail(phrase) == subjects_zh._ZH_TRAIL.sub("", phrase), phrase


def test_zh_strong_cue_agrees_with_lookbehinds_first() -> None:
    plain = re.compile(
        r"(?<![即])将(?![近军领士])|(?<![主重需只纪摘必首简概提扼])要(?![素求点闻件务害紧是么])"
        r"|力争|争取|下一步|今后|接下来|后续|旨在|务必|必须|应当|未来(?:[一二三四五六七八九十几]+年|将|要)"
    )
    rng = random.Random(17)
    chars = "将即近要主重素求未来三年力争下一步 的"
    for _ in range(4000):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(1, 10)))
        found = commitment_cues._ZH_STRONG.search(text)
        expected = plain.search(text)
        assert (found and found.span()) == (expected and expected.span()), text


def test_month_span_gate_is_necessary() -> None:
    from bot.extract import nonfigures

    texts = [*_samples(), "on 5 March 2024", "Sept. 30", "March, 2024", "by May 2025", "5 may"]
    for text in [*texts, *_lead_samples(3000, seed=47)]:
        if nonfigures._MONTH_SPANS.search(text):
            assert nonfigures._MONTH_CAPITAL.search(text), text


# A noun after a determiner (the plans, its aims) states no intent; nor, as the rules stand,
# does "our priorities are" (the branch reads priority+s, not priorities). Every other does.
_NOT_INTENT = frozenset({"the plans to expand", "its aims to grow", "our priorities are clear"})
_INTENT_PHRASES = (
    "The ministry plans to expand it",
    "the plans to expand",
    "its aims to grow",
    "China is set to build",
    "they are committed to opening",
    "the project is due to finish",
    "it is slated to open",
    "firms are poised to gain",
    "rules are to be revised soon",
    "with the aim of boosting",
    "the goal is to reach",
    "our priorities are clear",
    "firms are being encouraged to invest",
    "going forward, we",
    "the next steps include",
    "in the coming years",
    "there's an active push for",
    "there are renewed efforts",
    "the plan, in effect, calls for more",
    "the roadmap sets out targets",
    "the policy sets the goals",
)


@pytest.mark.parametrize("phrase", _INTENT_PHRASES)
def test_each_intent_phrase_makes_a_commitment_in_any_case(phrase: str) -> None:
    expected = phrase not in _NOT_INTENT
    for text in (phrase, phrase.upper(), phrase.title(), f"Officials said {phrase}."):
        assert commitment_cues.is_commitment_en(text) == expected, text


# --- Figure stage -----------------------------------------------------------------------

_FIGURE_TEXT = (
    "up down rose fell grew increased decreased by of at was were reached stood went picked "
    "edged adding added net increase decline growth rate rates year on year y-o-y yoy from "
    "over than compared with to the previous last prior a year earlier end month on month "
    "more than nearly about around approximately roughly close to at least up to less than "
    "under above below in excess of upwards some number of total number count of hit was "
    "No. Issue Tel Room # that setup flat 2023 1998 2024-06 2019-2024 12 3.5 46.1% 10,000 "
    "RMB $ 同比 环比 增长 下降 净增 提升 回落 了 率 分别 为 达 达到 是 比上年 较上年 比去年 "
    "年末 年底 超过 超 逾 近 约 将近 接近 不足 不到 至少 截至 到 力争 至 截至2023年底 "
    "WİLL UP Up ſome Kelvin K ıncrease İncrease BY OF 2020年 一 二十 百分之五 "
)
_FIGURE_PHRASES = (
    "more than|close to|at least|up to|less than|in excess of|upwards of|year on year|went up|"
    "picked up|edged up|stood at|increase of|growth rate of|rose by|net increase of|"
    "the number of 5G base stations reached|total number of users was more than|count of "
    "firms hit|compared with the previous year|from a year earlier|end of the previous year|"
    "UP TO|Close To|ſome|İncrease of|比上年增长|同比下降了|分别为|增长率达到"
)
_FIGURE_WORDS = (*_FIGURE_TEXT.split(), *_FIGURE_PHRASES.split("|"))
_SPACES = (" ", " ", " ", "", "  ", "\n", "\t", "\u3000", "\u00a0", " \n")


def _figure_samples(count: int = 4000, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rng.choice(_FIGURE_WORDS) for _ in range(rng.randint(1, 8))]
        out.append("".join(w + rng.choice(_SPACES) for w in words))
    return out


def test_ends_in_is_necessary_for_the_patterns_it_guards() -> None:
    from bot.extract import changes, nonfigures, periods, quantities

    guarded = (
        *changes._CUE_BRANCHES,
        (quantities._QUAL_BEFORE, quantities._QUAL_ENDINGS),
        (nonfigures._CHANGE_BEFORE, nonfigures._CHANGE_ENDINGS),
        (periods._BASIS_BEFORE, periods._BASIS_ENDINGS),
    )
    for text in _figure_samples():
        text += "5"
        end = len(text) - 1
        for start in (0, max(0, end - 16), max(0, end - 30)):
            for pattern, endings in guarded:
                if pattern.search(text, start, end):
                    assert nonfigures.ends_in(text, start, end, endings), (pattern, text)


def test_cue_branches_agree_with_the_whole_cue_pattern() -> None:
    from bot.extract import changes

    for text in _figure_samples(seed=9):
        full = text + "5"
        for low in (0, max(0, len(text) - 30)):
            found = changes._cue_before(full, low, len(text))
            plain = changes._CUE_BEFORE.search(full, low, len(text))
            assert (found and (found.span(), found.group(found.lastgroup or 0))) == (
                plain and (plain.span(), plain.group(plain.lastgroup or 0))
            ), full
            if plain:
                word = next(g for g in plain.groups() if g)
                assert next(g for g in found.groups() if g) == word, full


def test_change_cue_detection_agrees_with_the_unguarded_pattern() -> None:
    from bot.extract import changes

    def plain(text: str, start: int, end: int) -> changes.ChangeCue | None:
        before = changes._CUE_BEFORE.search(text, max(0, start - 30), start)
        after = None if before else changes._CUE_AFTER.match(text, end)
        cue = before or after
        if cue is None:
            return plain_object_verb(text, start)
        word = next(g for g in cue.groups() if g)
        sign = -1 if changes._NEGATIVE.match(word) else 1
        cue_start = before.start() if before else start
        window = text[max(0, cue_start - 30) : min(len(text), end + 40)]
        return changes.ChangeCue(sign, plain_basis(window), cue_start)

    def plain_object_verb(text: str, start: int) -> changes.ChangeCue | None:
        low = max(0, start - changes._OBJECT_VERB_WINDOW)
        verbs = list(changes._OBJECT_VERB_BY.finditer(text, low, start))
        if not verbs:
            return None
        found = verbs[-1]
        window = text[max(0, found.start() - 30) : min(len(text), start + 40)]
        sign = -1 if found.group("reduce") else 1
        return changes.ChangeCue(sign, plain_basis(window), found.start())

    def plain_basis(window: str) -> str:
        for pattern, label in changes._BASIS_PATTERNS:
            if pattern.search(window):
                return label
        compared = changes._COMPARED.search(window)
        return f"since {compared.group('when').strip()}" if compared else "previous period"

    rng = random.Random(8)
    samples = _figure_samples(seed=6)
    for text in samples:
        tail = rng.choice(samples)
        full = f"{text}12.5%{tail}"
        start = len(text)
        assert changes.detect(full, start, start + 5) == plain(full, start, start + 5), full
        assert changes.basis_of(full) == plain_basis(full), full


def test_qualifier_and_bare_count_prechecks_agree() -> None:
    from bot.extract import nonfigures, quantities

    for text in _figure_samples(seed=7):
        full = text + "120 companies"
        start = len(text)
        found = quantities._qualifier_before(full, start)
        plain = quantities._QUAL_BEFORE.search(full, max(0, start - 16), start)
        assert (found and found.span()) == (plain and plain.span()), full
        window = max(0, start - 160)
        if nonfigures._NUMBER_OF_BEFORE.search(full, window, start):
            assert nonfigures._has_number_of(full, window, start), full
        for tail in ("120 companies", "120 from a year earlier"):  # a noun after it, or not
            full = text + tail
            plain_ok = _bare_count_ok_plain(full, start, start + 3, "120")
            assert nonfigures.bare_count_ok(full, start, start + 3, "120", False) == plain_ok, full


def _bare_count_ok_plain(text: str, start: int, end: int, token: str) -> bool:
    from bot.extract import nonfigures as nf

    if nf.is_year(token) or (token.isdigit() and len(token) >= 7):
        return False
    if nf._LABEL_BEFORE.search(text[max(0, start - 12) : start]):
        return False
    after = text[end : end + 40]
    if after[:1] in "-‐/:" or after[:1].isalpha() or nf._DURATION_AFTER.match(after):
        return False
    if (
        nf._CHANGE_BEFORE.search(text, max(0, start - 30), start)
        or nf._NUMBER_OF_BEFORE.search(text, max(0, start - 160), start)
        or nf._NUMBER_VERB_BEFORE.search(text, max(0, start - 30), start)
        or _counts_its_subject_plain(text, start)
    ):
        return True
    word = nf._WORD_AFTER.match(after)
    return bool(word) and word.group(1).lower() not in nf._NOT_NOUNS


def _counts_its_subject_plain(text: str, start: int) -> bool:
    """nonfigures._counts_its_subject without its ends_in precheck."""
    from bot.extract import nonfigures as nf

    low = max(0, start - nf._LEVEL_WINDOW)
    verb = nf._LEVEL_VERB_BEFORE.search(text, low, start)
    if verb is None:
        return False
    clause = text[low : verb.start()]
    clause = clause[max(clause.rfind(","), clause.rfind(";"), clause.rfind(":")) + 1 :]
    return bool(nf._PLURAL_NOUN.search(clause))


def _from_before_plain(text: str, start: int) -> bool:
    """figures._from_before as its patterns say it, without the window precheck."""
    from bot.extract import figures

    found = figures._FROM_BEFORE.search(text, max(0, start - 12), start)
    if found is None or not found.group().lstrip()[:1].isascii():
        return found is not None
    return bool(
        figures._TO_AFTER.match(text, start)
        or figures._CHANGE_WORD_BEFORE.search(text, max(0, found.start() - 30), found.start())
    )


def test_year_patterns_with_the_digit_first_agree_with_the_word_boundary_forms() -> None:
    from bot.extract import figures, periods

    pairs = [
        (
            re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年|[^\w.,]|[.,](?!\d)|$)"),
            figures._ANY_YEAR,
        ),
        (
            re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>0?[1-9]|1[0-2])\b(?!-\d)", re.I),
            periods._RULES[1][0],
        ),
        (re.compile(r"\b(?P<y>(?:19|20)\d{2})\b(?![-–—/.]\d)", re.I), periods._RULES[-1][0]),
    ]
    rng = random.Random(12)
    pieces = ["2023", "1999", "2024-06", "12", "年", "a", "_", "x2023", "-", "/", ".", " ", "3"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(4000)]
    for text in texts + _figure_samples(1000):
        for plain, fast in pairs:
            got = [(m.span(), m.groups()) for m in fast.finditer(text)]
            assert got == [(m.span(), m.groups()) for m in plain.finditer(text)], text


def test_last_delimiter_agrees_with_rfind_per_delimiter() -> None:
    from bot.extract import subjects_zh

    rng = random.Random(4)
    alphabet = "ab数据，,。；;：:！？!?（()）\n "
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        low, high = rng.randint(-3, 32), rng.randint(-3, 32)
        plain = max(text.rfind(ch, low, high) for ch in subjects_zh._ZH_DELIM)
        assert subjects_zh._last_delimiter(text, low, high) == plain, (text, low, high)


def test_zh_trail_last_character_check_agrees() -> None:
    from bot.extract import subjects_zh

    rng = random.Random(14)
    alphabet = sorted(
        set(subjects_zh._ZH_TRAIL.pattern) | set("网民规模用户数量收入基站个百分点 \n2023年12月ab")
    )
    for _ in range(6000):
        phrase = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        assert subjects_zh._strip_zh_trail(phrase) == subjects_zh._ZH_TRAIL.sub("", phrase), phrase


# --- Patterns written to open with their first character, and cheap pre-checks ----------

_LEAD_TEXT = (
    "as of AS OF by BY in since until through last this the end of End Of January jan. Jan "
    "ſept ſix Sept March Mar. May 5 12 1st 22nd of to - – — , 2024 1999 year Year ıN İN from "
    'FROM between and first half is are was x_is ſtood hit totalled had ; : ( " “ ” while '
    "whereas with but which as AND a one hundred Quarter third twenty-one Twenty seventeen "
    "seven ten_ _ten é 发布时间 时间 日期 updated Published posted release date Last Updated "
    "date ： Kelvin K x5 5x 1,000 ,12"
)
_LEAD_WORDS = tuple(_LEAD_TEXT.split())
_LEAD_GLUE = ("", " ", "  ", "\n", "-", ", ", ".", ":")


def _lead_samples(count: int = 6000, seed: int = 19) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_LEAD_WORDS) + rng.choice(_LEAD_GLUE) for _ in range(rng.randint(1, 8)))
        for _ in range(count)
    ]


def _assert_same_matches(fast: re.Pattern[str], plain: re.Pattern[str], texts: list[str]) -> None:
    for text in texts:
        for start in (0, 1, 3):
            got = [(m.span(), m.groupdict()) for m in fast.finditer(text, start)]
            expected = [(m.span(), m.groupdict()) for m in plain.finditer(text, start)]
            assert got == expected, (plain.pattern, text, start)


def test_ignorecase_chars_are_all_ignorecase_equates() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in "abcdefghijklmnopqrstuvwxyz":
        assert set(ignorecase.ignorecase_chars(letter)) == set(re.findall(letter, every, re.I))
    assert ignorecase.ignorecase_chars("发时") == "发时"


def test_ignorecase_lead_agrees_with_the_plain_alternation() -> None:
    rng = random.Random(23)
    vocabulary = ["as of", "by", "in", "is", "since", "kick", "the end", "ſix", "first", "时间"]
    texts = _lead_samples(1500)
    for _ in range(20):
        words = rng.sample(vocabulary, rng.randint(1, 5))
        words = [word.replace("ſ", "s") for word in words]
        for not_after in ("", r"\w", "A-Za-z-"):
            plain = rf"(?<![{not_after}])(?:{'|'.join(words)})" if not_after else "|".join(words)
            fast = ignorecase.ignorecase_lead(words, not_after=not_after)
            _assert_same_matches(re.compile(fast, re.I), re.compile(f"(?:{plain})", re.I), texts)


def test_patterns_opening_with_their_first_character_agree_with_the_plain_ones() -> None:
    from bot.extract import metadata, nonfigures, periods, quantities, subjects_en

    month, yearish = periods._MONTH, periods._YEARISH
    period_rules = {
        2: r"between (?P<y1>(?:19|20)\d{2}) and (?P<y2>(?:19|20)\d{2})",
        3: r"from (?P<y1>(?:19|20)\d{2}) to (?P<y2>(?:19|20)\d{2})",
        5: rf"from (?P<m1>{month}) to (?P<m2>{month})(?:,? (?P<y>(?:19|20)\d{{2}}))?",
        13: rf"end of (?:(?P<m>{month}),? )?{yearish}",
        14: rf"end of (?P<m>{month})",
        15: rf"(?P<m>{month}),? (?P<y>(?:19|20)\d{{2}})",
        16: rf"(?:as of|by|in|since|until|through|last|this) (?:(?:the )?end of )?(?P<m>{month})",
        22: r"(?P<y>last year|this year)",
    }
    en_words = "one|two|three|four|five|six|seven|eight|nine"
    pairs = [(periods._RULES[i][0], re.compile(p, re.I)) for i, p in period_rules.items()]
    pairs += [
        (
            subjects_en._EN_MAIN_VERB,
            r"\b(?:is|are|was|were|stood|stands|reached|reaches|hit|hits|totall?ed|totals|came|"
            r"comes|rose|grew|climbed|jumped|surged|fell|dropped|declined|numbered|amounted|"
            r"exceeded|surpassed|topped|ranked|ranks|accounted|made|generated|recorded|posted|"
            r"registered|had|has|have)\b",
        ),
        (
            subjects_en._EN_CLAUSE,
            r",(?!\d{3})|[;:(\"“”]|\b(?:while|whereas|with|but|which|as|and)\b\s",
        ),
        (subjects_en._EN_CLAUSE_NO_AND, r"[;:(\"“”]|\b(?:while|whereas|with|but|which)\b\s"),
        (
            quantities._EN_CORE,
            r"(?<![A-Za-z-])(?P<en>(?:(?:a|one)\s+(?:hundred|quarter|third)|half"
            r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:"
            + en_words
            + r"))?|"
            + en_words
            + r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
            r"nineteen))\b",
        ),
        (
            metadata._PUBLISH_LABEL,
            r"(?:发布时间|发布日期|发稿时间|更新时间|时间|日期|updated|published|posted|"
            r"release date|last updated|date)\s*[:：]",
        ),
    ]
    texts = _lead_samples()
    for fast, plain in pairs:
        plain = plain if isinstance(plain, re.Pattern) else re.compile(plain, re.I)
        _assert_same_matches(fast, plain, texts)
    day = r"\d{1,2}(?:st|nd|rd|th)?\b"
    month_spans = re.compile(
        rf"\b{nonfigures._MONTH}\.?\s+{day}(?:\s*(?:-|–|—|to)\s*(?:{nonfigures._MONTH}\.?\s+)?"
        rf"{day})?(?:,?\s+\d{{4}})?|\b{day}\s+(?:of\s+)?{nonfigures._MONTH}\b(?:,?\s+\d{{4}})?"
        rf"|\b{nonfigures._MONTH},?\s+\d{{4}}\b"
    )
    _assert_same_matches(nonfigures._MONTH_SPANS, month_spans, texts)


_FIGURE_PIECE_TEXT = (
    "1 23 4,5 .6 , . % ％ percent per cent million 万 亿 KB kb FLOPS yuan 元 x 12.5 ZB"
)
_FIGURE_PIECES = tuple(_FIGURE_PIECE_TEXT.split())


def test_figure_pattern_from_a_run_start_finds_what_the_plain_one_finds() -> None:
    plain = re.compile(
        r"\d[\d,.]*\s*(?:%|％|percent|per cent|percentage points?|million|billion|trillion|"
        r"万|亿|个百分点|[KMGTPEZ]?FLOPS|[KMGTPEZ]B\b|zettabytes?|exabytes?|yuan|元)",
        re.I,
    )
    rng = random.Random(29)
    pieces = _FIGURE_PIECES
    for _ in range(6000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n", "  "]) for _ in range(6))
        assert furniture.carries_figure(text) == bool(plain.search(text)), text


def test_period_kind_prechecks_agree() -> None:
    from bot.extract import periods as p

    def plain(text: str, start: int, value: str, ref_year: int | None) -> str:
        before = p._END_OF.sub("", text[max(0, start - 24) : start])
        if p._BASIS_BEFORE.search(before):
            return "basis"
        future = ref_year is not None and int(value[:4]) > ref_year
        if p._YEAR_SPAN_VALUE.fullmatch(value) and ref_year and int(value[-4:]) >= ref_year:
            return "target"
        if (p._TARGET_BEFORE.search(before) and future) or (
            p._BY_BEFORE.search(before) and ref_year is None
        ):
            return "target"
        return "status"

    for text in _figure_samples(seed=15) + _lead_samples(2000):
        for value in ("2023", "2027", "2024/2026"):
            for ref_year in (None, 2024):
                got = p._kind(text + "x", len(text), value, ref_year)
                assert got == plain(text + "x", len(text), value, ref_year), text


def test_small_prechecks_agree_with_the_patterns_they_guard() -> None:
    from bot.extract import catalog, commitments, figures
    from bot.text import clean

    texts = [*_samples(), *_figure_samples(seed=17), *_lead_samples(2000)]
    texts += ["per 10,000 people", "每万人", "人均", "for every 100", "由10%", "从上年的"]
    texts += ["\tx", "a\u3000b", "x\u200by", "why?", "“Why?”", "是吗？）", "ok?\n"]
    for text in texts:
        low = text.lower()
        assert catalog._is_density(low) == bool(catalog._DENSITY.search(low)), text
        assert furniture._names_a_picture(low) == any(
            word in low for word in furniture._EN_CAPTION_WORDS
        )
        assert furniture._has_zh_caption_mark(text) == any(
            mark in text for mark in furniture._ZH_CAPTION_MARKS
        )
        assert clean._has_odd_char(text) == bool(clean._ODD_CHARS.search(text)), text
        tail = max(0, len(text) - 3)
        assert commitments.ends_in_question(text) == bool(
            commitments._QUESTION_END.search(text, tail)
        ), text
        for start in range(len(text) + 1):
            plain = _from_before_plain(text, start)
            assert figures._from_before(text, start) == plain, (text, start)


def test_title_probes_agree_with_comparing_the_whole_key() -> None:
    from bot.extract import figures
    from bot.text import clean

    rng = random.Random(31)
    title = "Digital economy ΑΣ grows, 数字经济 expands"
    pieces = [title[:5], title[5:12], title[12:], "ΑΣ", "Σ", "ß", "İ", " ", ",", "x", "数字"]
    lines = [title, title.upper(), f"{title}.", f" {title}"]
    for _ in range(4000):
        lines.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))))
    for key_source in (title, "ΑΣ", "数字经济", "x"):
        squashed, key = clean._squash(key_source), figures._key(key_source)
        for line in lines:
            assert clean.same_key(line, squashed, clean._squash) == (
                clean._squash(line) == squashed
            ), line
            assert clean.same_key(line, key, figures._key) == (figures._key(line) == key), line


def test_span_lookup_agrees_with_a_scan_of_the_next_spans() -> None:
    from bot.extract import nonfigures, quantities

    rng = random.Random(37)
    for _ in range(4000):
        spans = sorted(
            (start, start + rng.randint(1, 6)) for start in rng.sample(range(40), rng.randint(0, 6))
        )
        index, pos = rng.randint(0, len(spans)), rng.randint(0, 45)
        plain = nonfigures.in_spans(pos, spans[index : index + 3])
        assert quantities._skipped(pos, spans, index) == plain, (spans, index, pos)


def test_last_non_courtesy_text_agrees_with_filtering_them_all() -> None:
    from bot.extract import commitments

    rng = random.Random(41)
    choices = ["Thank you.", "thanks!", "谢谢。", "What next?", "Fine.", "THANK YOU"]
    for _ in range(2000):
        texts = [rng.choice(choices) for _ in range(rng.randint(1, 5))]
        tail = [text for text in texts if not commitments._COURTESY.match(text)] or texts
        assert commitments._last_but_courtesy(texts) == tail[-1], texts


def test_full_date_hint_is_necessary() -> None:
    from bot.extract import figures

    rng = random.Random(43)
    pieces = ["2024", "1999", "-", "/", ".", "年", "月", "3", "12", "March", "Jan.", " ", ",", "x"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 9))) for _ in range(6000)]
    for text in [*texts, *_figure_samples(1000)]:
        found, plain = figures._full_date(text), figures._FULL_DATE.search(text)
        assert (found and (found.span(), found.groups())) == (
            plain and (plain.span(), plain.groups())
        ), text


def test_period_rules_behind_a_first_character_lookahead_agree() -> None:
    from bot.extract import periods

    plain = [
        r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m1>\d{1,2})\s?(?:-|–|—|~|至)\s?(?P<m2>\d{1,2})月",
        r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<first>前)(?P<n>[二三])季度",
        r"(?:(?P<y>(?:19|20)\d{2})年)?第?(?P<n>[一二三四])季度",
        r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<h>[上下])半年",
    ]
    fast = {p.pattern: p for p, _, _ in periods._RULES}
    guarded = [next(f for key, f in fast.items() if key.endswith(f"(?:{p})")) for p in plain]
    rng = random.Random(21)
    pieces = [
        "2024",
        "年",
        "1",
        "10",
        "—",
        "至",
        "月",
        "前",
        "三",
        "季度",
        "第",
        "二",
        "上",
        "半年",
        "x",
    ]
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        for source, fast_pattern in zip(plain, guarded, strict=True):
            slow = re.compile(source, re.IGNORECASE)
            assert [m.span() for m in fast_pattern.finditer(text)] == [
                m.span() for m in slow.finditer(text)
            ], text
