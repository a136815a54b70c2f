"""Placeholder until the summariser lands."""

from __future__ import annotations

from bot.extract.segments import Sentence
from bot.model import Commitment, Figure


def summarize(
    sentences: list[Sentence], figures: list[Figure], commitments: list[Commitment], language: str
) -> str:
    return " ".join(s.text for s in sentences[:2])
