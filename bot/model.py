"""Plain dataclasses every layer speaks: documents, figures, releases, sources, subscriptions.

They carry no behaviour beyond conversion to the extraction contract (see README,
"Extraction contract"), so storage, rendering and tests can build them freely.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Change:
    """A change attached to a figure: +46.1 percent year on year, -0.9 percent, +1.6 pp."""

    value: float
    unit: str
    basis: str


@dataclass(slots=True)
class Figure:
    """One key figure of a release, its value in base units (see ``bot.extract.units``)."""

    subject: str
    value: float
    unit: str
    text: str
    sentence: str
    indicator: str | None = None
    qualifier: str | None = None
    period: str | None = None
    change: Change | None = None
    subject_en: str | None = None
    """The English label (bot.extract.labels): catalog name, English subject or glossary."""

    def to_contract(self) -> dict[str, Any]:
        data = asdict(self)
        return {
            "subject": data["subject"],
            "subject_en": data["subject_en"],
            "indicator": data["indicator"],
            "value": data["value"],
            "unit": data["unit"],
            "qualifier": data["qualifier"],
            "text": data["text"],
            "period": data["period"],
            "sentence": data["sentence"],
            "change": data["change"],
        }


@dataclass(slots=True)
class Commitment:
    """A forward-looking policy sentence, exact as the release states it."""

    text: str
    area: str | None = None
    deadline: str | None = None

    def to_contract(self) -> dict[str, Any]:
        return {"text": self.text, "area": self.area, "deadline": self.deadline}


@dataclass(slots=True)
class Document:
    """Text obtained from a file or URL, before extraction."""

    text: str
    kind: str
    title: str | None = None
    published: date | None = None
    language: str | None = None
    url: str | None = None
    raw_bytes: int = 0
    attachments: list[str] = field(default_factory=list)
    """Absolute URLs of files (PDFs) the page links as attachments, for ingestion of their own."""


@dataclass(slots=True)
class Extraction:
    """What the extractor found in one document: the extraction contract."""

    title: str | None
    published: date | None
    language: str
    summary: str
    figures: list[Figure] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)

    def to_contract(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "summary": self.summary,
            "figures": [f.to_contract() for f in self.figures],
            "commitments": [c.to_contract() for c in self.commitments],
        }


@dataclass(slots=True)
class Release:
    """A stored (or about to be stored) release with what was extracted from it."""

    title: str
    language: str
    text: str
    content_hash: str
    url: str | None = None
    canonical_url: str | None = None
    published: date | None = None
    summary: str = ""
    figures: list[Figure] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    source_id: int | None = None
    source_name: str | None = None
    id: int | None = None
    fetched_at: datetime | None = None
    parent_release_id: int | None = None


@dataclass(slots=True)
class Source:
    """A watched source: a feed, a list page, a JSON list or a PDF location."""

    url: str
    kind: str
    name: str
    enabled: bool = True
    interval_seconds: int = 3600
    settings: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    id: int | None = None
    created_at: datetime | None = None
    last_success_at: datetime | None = None
    last_error: str | None = None
    failures: int = 0
    next_poll_at: datetime | None = None
    items_seen: int = 0
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None


@dataclass(slots=True)
class Subscription:
    """A channel (or DM) that receives the weekly digest on a cron-like schedule."""

    channel_id: str
    day_of_week: str = "mon"
    hour: int = 9
    minute: int = 0
    timezone: str = "Asia/Shanghai"
    filters: dict[str, Any] = field(default_factory=dict)
    created_by: str | None = None
    active: bool = True
    id: int | None = None
    broken_reason: str | None = None


@dataclass(frozen=True, slots=True)
class StoredFigure:
    """A figure read back from storage, with the release it came from (for answers)."""

    figure: Figure
    release_id: int
    release_title: str
    release_url: str | None
    published: date | None
    source_name: str | None


@dataclass(frozen=True, slots=True)
class IngestResult:
    """Outcome of storing one release: stored, or skipped as a duplicate of another."""

    release: Release
    stored: bool
    duplicate_of: int | None = None
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One admin action: who did what to which object, with before/after snapshots."""

    actor: str
    action: str
    target: str
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    at: datetime | None = None
    id: int | None = None


@dataclass(slots=True)
class Watch:
    """Someone who wants to hear when an indicator's value moves (``/cdf watch``).

    ``target_kind`` is ``user`` (told by DM) or ``channel``; ``above``/``below`` narrow it to
    a value crossing a threshold. ``unit`` and ``label`` come from the catalog entry.
    """

    indicator: str
    unit: str
    label: str
    target_kind: str
    target_id: str
    above: float | None = None
    below: float | None = None
    created_by: str | None = None
    id: int | None = None
    created_at: datetime | None = None
    broken_reason: str | None = None


@dataclass(frozen=True, slots=True)
class Alert:
    """One queued message of the alert outbox: what a stored release owes one watch.

    ``payload`` holds the figures decided when the release was stored (value, period, the
    value it moved from, whether it revises a period); the release fields are for the link.
    """

    id: int
    watch: Watch
    release_id: int
    payload: dict[str, Any]
    release_title: str
    release_url: str | None
    source_name: str | None
    status: str = "pending"
    attempts: int = 0
