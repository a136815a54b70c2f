"""Placeholder until the commitment extractor lands."""

from __future__ import annotations

from bot.extract.segments import Sentence
from bot.model import Commitment


def find_commitments(sentences: list[Sentence], language: str) -> list[Commitment]:
    return []
