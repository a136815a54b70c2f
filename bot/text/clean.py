"""Placeholder until document clean-up lands."""

from __future__ import annotations


def clean_text(text: str, *, title: str | None = None) -> str:
    return text
