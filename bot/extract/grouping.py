"""Group the quantities of a sentence and tie changes to the levels they modify.

``185.3亿元和1108亿元，比上年分别下降8%和2.5%`` is two level values sharing a subject list
and two changes that pair with them one to one; ``1.079 billion netizens, an increase of
11.09 million`` is a level and its nested change. Values joined only by 、/,/和/and with the
same unit form one group; a change group attaches to the preceding level group when nothing
but comparison words (and the level's own subject) stands between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.extract import changes
from bot.extract.periods import Period
from bot.extract.quantities import Quantity
from bot.extract.subjects_en import SHARE_EN
from bot.extract.wordlists import CUES, alternation
from bot.model import Figure

# A period between a level and its change (``3.377 million base stations by the end of 2023,
# up 46.1 percent``, 截至6月底): it dates the level, it is not a subject of its own. The
# period finder's span is the date itself; these are the words that lead into or close it.
_PERIOD_MARK = "\x00"
_PERIOD_REFERENCE = re.compile(
    rf"\b(?:{alternation(CUES['changes']['period_references_en'])})\b", re.IGNORECASE
)
# What a level's unit measures, written right after it ("zettabytes of data", "tonnes of
# grain"): up to four words before a comma, a period or the gap's end.
_UNIT_COMPLEMENT = re.compile(
    r"^\s*of\s+[A-Za-z][\w'’-]*(?:\s+[A-Za-z][\w'’-]*){0,3}?(?=\s*(?:,|\x00|$))"
)
_PERIOD_WORDS = re.compile(
    r"(?:\b(?:by|in|as\s+of|at|during|for|through|until|up\s+to|since)\s+)?"
    r"(?:(?:the\s+)?(?:end|close|middle)\s+of\s+)?(?:the\s+)?(?:截至|截止|到)?"
    + _PERIOD_MARK
    + r"(?:底|末|份)?",
    re.IGNORECASE,
)
_RANGE_GAP = re.compile(r"\s*(?:to|-|–|—|~|至|到)\s*", re.IGNORECASE)
_GROUP_GAP = re.compile(r"\s*(?:,|、|，|和|及|与|以及|and|,\s*and|or)\s*", re.IGNORECASE)


@dataclass(slots=True)
class Group:
    """Quantities read as one list of values; ``cue`` is set when they are changes."""

    members: list[Quantity]
    cue: changes.ChangeCue | None
    figures: list[Figure] = field(default_factory=list)
    #: The members are the ends of one range ("by 20% to 30%"): one subject for both.
    ranged: bool = False

    @property
    def end(self) -> int:
        return self.members[-1].end


def group_quantities(text: str, quantities: list[Quantity]) -> list[Group]:
    """Neighbouring quantities of one unit joined by 、/,/和/and, as one list of values."""
    groups: list[Group] = []
    for quantity in quantities:
        previous = groups[-1].members[-1] if groups else None
        cue = changes.detect(text, quantity.start, quantity.end)
        gap = text[previous.end : quantity.start] if previous is not None else ""
        ranged = (
            cue is None
            and previous is not None
            and groups[-1].cue is not None
            and previous.unit == quantity.unit
            and _RANGE_GAP.fullmatch(gap) is not None
        )
        if ranged:
            cue = groups[-1].cue  # "cut … by 20% to 30%": the range's end is a change too
        joinable = (
            previous is not None
            and previous.unit == quantity.unit
            and not quantity.in_parentheses
            and not previous.in_parentheses
            and (ranged or _GROUP_GAP.fullmatch(gap) is not None)
            and (cue is None or groups[-1].cue is not None)
        )
        if joinable:
            groups[-1].members.append(quantity)
            groups[-1].ranged = groups[-1].ranged or ranged
        else:
            groups.append(Group([quantity], cue))
    return groups


def attach_target(
    text: str, groups: list[Group], index: int, periods: list[Period] = ()
) -> list[Figure] | None:
    """The level figures a change group modifies (one per change), or None to stand alone.

    Between the level and the change may stand only comparison words, the level's own
    subject (or the ``of …`` whole of a share) and a period dating the level."""
    group = groups[index]
    if group.cue is None or index == 0:
        return None
    gap_start = groups[index - 1].end
    for back in range(index - 1, -1, -1):
        previous = groups[back]
        if previous.members[0].in_parentheses:
            continue
        if previous.cue is not None or not previous.figures:
            return None
        if any(f.change for f in previous.figures):
            return None
        gap = _without_periods(text, gap_start, group.cue.cue_start, periods)
        for figure in previous.figures:
            gap = _without_subject(gap, figure.subject)
        if not changes.basis_only(gap) and "period" in gap:
            gap = _PERIOD_REFERENCE.sub(" ", gap)  # "in the period": the level's own period
        if not changes.basis_only(gap) and previous.members[-1].unit != "percent":
            gap = _UNIT_COMPLEMENT.sub(" ", gap, count=1)  # "38.7 zettabytes of data, up …"
        if not changes.basis_only(gap):
            return None
        if len(previous.figures) == len(group.members):
            return previous.figures
        if len(group.members) == 1:
            return [previous.figures[-1]]
        return None
    return None


def _without_periods(text: str, start: int, end: int, periods: list[Period]) -> str:
    """``text[start:end]`` with every period inside it (and its by/in/截至 words) blanked."""
    inside = [p for p in periods if start <= p.start and p.end <= end]
    if not inside:
        return text[start:end]
    pieces, cursor = [], start
    for period in inside:
        pieces += [text[cursor : period.start], _PERIOD_MARK]
        cursor = period.end
    pieces.append(text[cursor:end])
    return _PERIOD_WORDS.sub(" ", "".join(pieces))


def _without_subject(gap: str, subject: str) -> str:
    """``gap`` without the level's subject; for a share (``share of X in Y``) without the
    ``of Y`` written after the value, with what qualifies Y up to the next comma (``of all
    mobile base stations in the country,``)."""
    share = SHARE_EN.match(subject)
    if share:
        whole = re.escape(share.group("whole"))
        pattern = rf"\bof\s+{whole}(?:\s+(?:in|across|of|by|at|for|from|used|among)\b[^,;]*)?"
        return re.sub(pattern, " ", gap, count=1)
    return re.sub(r"(?:\bof\s+)?" + re.escape(subject), " ", gap, count=1)
