"""Placeholder until title/date guessing lands."""

from __future__ import annotations

from datetime import date


def guess_title(text: str) -> str | None:
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return first


def guess_published(text: str) -> date | None:
    return None
