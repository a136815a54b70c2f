"""English month names and abbreviations → month number, for every date reader.

Releases write "Aug 13, 2024", "Sept. 5" or "December 2023"; list pages, datelines and
periods all read them, so they share this one table (plain data: importing it costs
nothing on the extraction path).
"""

from __future__ import annotations

from typing import Final

MONTHS: Final[dict[str, int]] = {
    name: number
    for number, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}

#: The same months as regex alternatives, lower case: each matches every name of its month
#: in the table above ("sep", "sept", "september"). Patterns that need them capitalised or
#: opening with their first letter build on these.
MONTH_PATTERNS: Final[tuple[str, ...]] = (
    "jan(?:uary)?",
    "feb(?:ruary)?",
    "mar(?:ch)?",
    "apr(?:il)?",
    "may",
    "june?",
    "july?",
    "aug(?:ust)?",
    "sep(?:t(?:ember)?)?",
    "oct(?:ober)?",
    "nov(?:ember)?",
    "dec(?:ember)?",
)

#: The three-letter abbreviation of each month, lower case ("jan" … "dec"): the stem every
#: name of the month starts with, for patterns that read ``[a-z]*`` after it.
MONTH_ABBREVIATIONS: Final[tuple[str, ...]] = tuple(name for name in MONTHS if len(name) == 3)
