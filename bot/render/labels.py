"""How a figure is named to readers: English, Chinese, or both side by side.

"Mobile base stations (全国移动通信基站总数)": the English label first (the catalog name, or
``subject_en`` from :mod:`bot.extract.labels`), the Chinese subject as the release wrote it
beside it, so a reader who knows the term is not left with a rendering alone. A digest
subscription picks ``lang en|zh|both`` (default both); ``/cdf`` answers show both.
Figures stored before labels existed (``subject_en`` NULL) are labelled when shown.
"""

from __future__ import annotations

import re

from bot.extract.labels import english_label
from bot.model import Figure

LABEL_LANGUAGES = ("both", "en", "zh")
_CJK = re.compile(r"[\u3400-\u9fff]")


def figure_label(figure: Figure, lang: str = "both") -> str:
    """The figure's name for readers of ``lang`` (``both``, ``en`` or ``zh``)."""
    english = figure.subject_en or english_label(figure)
    chinese = figure.subject if _CJK.search(figure.subject) else None
    if lang == "zh" and chinese:
        return chinese
    if lang == "both" and chinese and chinese != english:
        return f"{english} ({chinese})"
    return english
