"""Extraction: cleaned text → figures, commitments and a summary (the extraction contract).

Imports stay light (no HTML or PDF libraries) so ``cdfbot extract`` starts fast.
"""

from __future__ import annotations

from bot.extract.pipeline import extract

__all__ = ["extract"]
