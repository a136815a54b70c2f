"""Use case: model-written text for stored releases — an English summary, and English labels
for the figures the glossary left unfinished (Chinese words still in ``subject_en``).

Optional (``CDFBOT_LLM_URL``) and never in the way: extraction stays pure and fast, and this
runs after a release is stored (``cdfbot ingest``, the enrich job). Each release is asked
about once, whatever happens (``llm_results``): a good answer replaces the summary and the
unfinished labels; an answer with a number the release does not state is *rejected*
(:func:`bot.llm.check.invented_numbers`); a timeout, HTTP error or refusal is *failed* and
leaves the extractive text in place, with one log line. ``CDFBOT_LLM_DAILY_BUDGET`` caps the
calls per UTC day across processes; past it, releases wait for the next day.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.config import Settings
from bot.llm.check import invented_numbers
from bot.llm.client import ChatClient, ModelError
from bot.model import Release
from bot.store import Store

log = logging.getLogger(__name__)

TEXT_CHARS = 12_000
"""Release text sent to the model: the head of a long release carries its news."""
_CJK = re.compile(r"[\u3400-\u9fff]")
_JSON = re.compile(r"\{.*\}", re.DOTALL)
SYSTEM = (
    "You help English-speaking policy analysts read official releases about China's digital "
    "economy. Answer with one JSON object only: "
    '{"summary": "two or three plain English sentences on what the release reports", '
    '"labels": {"<Chinese subject as given>": "<short English label>"}}. '
    "Use only numbers written in the release, exactly as written there; never convert "
    "units or compute. Translate every subject you are given."
)


@dataclass(frozen=True, slots=True)
class Enricher:
    store: Store
    client: ChatClient
    daily_budget: int

    def enrich_pending(self, limit: int = 10) -> dict[int, str]:
        """Ask about up to ``limit`` releases not yet asked about; {release id: status}."""
        done: dict[int, str] = {}
        for release in self.store.releases_to_enrich(limit):
            status = self.enrich(release)
            if status is None:  # budget spent: the rest wait for tomorrow
                break
            done[release.id or 0] = status
        return done

    def enrich(self, release: Release) -> str | None:
        """'ok', 'rejected' or 'failed' (recorded); None when today's budget is spent."""
        assert release.id is not None
        if not self.store.take_llm_call(datetime.now(UTC).date(), self.daily_budget):
            return None
        unfinished = sorted({f.subject for f in release.figures if _unfinished(f.subject_en)})
        try:
            answer = self.client.complete(_messages(release, unfinished))
            summary, labels = _parse(answer, unfinished)
        except ModelError as exc:
            log.warning("model text for release %s not used: %s", release.id, exc)
            self.store.save_llm_result(release.id, "failed", reason=str(exc))
            return "failed"
        invented = invented_numbers(json.dumps([summary, labels], ensure_ascii=False), release.text)
        if invented:
            reason = f"numbers not in the release: {', '.join(sorted(invented))}"
            log.warning("model text for release %s rejected: %s", release.id, reason)
            self.store.save_llm_result(release.id, "rejected", reason=reason)
            return "rejected"
        self.store.save_llm_result(release.id, "ok", summary=summary, labels=labels)
        return "ok"


def enricher_for(store: Store, settings: Settings) -> Enricher | None:
    """An :class:`Enricher` when ``CDFBOT_LLM_URL`` is set, else None (the default: off)."""
    if not settings.llm_url:
        return None
    client = ChatClient(
        settings.llm_url,
        settings.llm_model,
        api_key=settings.llm_api_key,
        timeout=settings.llm_timeout,
    )
    return Enricher(store, client, settings.llm_daily_budget)


def _unfinished(label: str | None) -> bool:
    return label is None or bool(_CJK.search(label))


def _messages(release: Release, subjects: list[str]) -> list[dict[str, str]]:
    wanted = "\n".join(f"- {s}" for s in subjects) or "(none)"
    user = (
        f"Title: {release.title}\n\nRelease:\n{release.text[:TEXT_CHARS]}\n\n"
        f"Subjects to label in English:\n{wanted}"
    )
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": user}]


def _parse(answer: str, subjects: list[str]) -> tuple[str, dict[str, str]]:
    """(summary, labels for the subjects asked about); ModelError when it is not that."""
    found = _JSON.search(answer)
    try:
        data = json.loads(found.group()) if found else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or not isinstance(data.get("summary"), str):
        raise ModelError("answer is not the JSON asked for (a refusal?)")
    raw = data.get("labels") if isinstance(data.get("labels"), dict) else {}
    labels = {
        s: str(raw[s]).strip()
        for s in subjects
        if isinstance(raw.get(s), str) and str(raw[s]).strip() and not _CJK.search(raw[s])
    }
    return " ".join(data["summary"].split()), labels
