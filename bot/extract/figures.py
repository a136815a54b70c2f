"""Placeholder until the figure extractor lands."""

from __future__ import annotations

from datetime import date

from bot.extract.segments import Sentence
from bot.model import Figure


def find_figures(
    sentences: list[Sentence], language: str, *, published: date | None, title: str | None
) -> list[Figure]:
    return []
