"""Builders for model objects with realistic defaults; tests override only what they test."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from bot.model import Change, Commitment, Figure, Release


def make_figure(**overrides: Any) -> Figure:
    values: dict[str, Any] = {
        "subject": "digital economy scale",
        "value": 5.39e13,
        "unit": "CNY",
        "text": "53.9 trillion yuan",
        "sentence": "China's digital economy reached 53.9 trillion yuan.",
        "indicator": "digital_economy_scale",
        "qualifier": "over",
        "period": "2023",
        "change": Change(7.39, "percent", "year on year"),
    }
    return Figure(**{**values, **overrides})


def make_release(**overrides: Any) -> Release:
    """A distinct release (unique hash and canonical URL) with one figure and commitment."""
    token = uuid.uuid4().hex
    values: dict[str, Any] = {
        "title": "Digital China development report",
        "language": "en",
        "text": f"Body {token}",
        "content_hash": token,
        "url": f"https://example.cn/{token}.html",
        "canonical_url": f"https://example.cn/{token}",
        "published": date(2024, 5, 24),
        "summary": "A summary.",
        "figures": [make_figure()],
        "commitments": [Commitment("Build a national data market by 2025.", "data", "2025")],
    }
    return Release(**{**values, **overrides})
