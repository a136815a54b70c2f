"""Store methods for model-written text: ``llm_results`` (once per release) and
``llm_usage`` (the daily budget)."""

from __future__ import annotations

from datetime import date
from typing import Any

from bot.model import Release
from bot.store import llm
from bot.store.engine import transaction
from bot.store.tables_base import StoreBase


class LlmTables(StoreBase):
    """Which releases still await model-written text, and what the model said."""

    def releases_to_enrich(self, limit: int = 10) -> list[Release]:
        with transaction(self.engine) as conn:
            return llm.releases_to_enrich(conn, limit)

    def take_llm_call(self, day: date, budget: int) -> bool:
        with transaction(self._writer) as conn:
            return llm.take_call(conn, day, budget)

    def save_llm_result(
        self,
        release_id: int,
        status: str,
        *,
        summary: str | None = None,
        labels: dict[str, str] | None = None,
        reason: str | None = None,
    ) -> bool:
        with transaction(self._writer) as conn:
            return llm.save_result(
                conn, release_id, status, summary=summary, labels=labels, reason=reason
            )

    def llm_result(self, release_id: int) -> dict[str, Any] | None:
        with transaction(self.engine) as conn:
            return llm.result_of(conn, release_id)
