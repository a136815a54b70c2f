"""Use case: a file or URL → text → extraction → one stored release (or a reported duplicate).

``cdfbot ingest``, the sample loader and (later) the source poller all call
:func:`ingest_document`, so what is stored is exactly what ``cdfbot extract`` reports.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bot.canonical import canonical_url, content_hash
from bot.extract import extract
from bot.model import Document, Extraction, IngestResult, Release
from bot.store import Store


def release_from(
    document: Document, extraction: Extraction, *, source_id: int | None = None
) -> Release:
    fallback_title = Path(document.url).name if document.url else "Untitled release"
    url = (
        document.url if document.url and document.url.startswith(("http://", "https://")) else None
    )
    return Release(
        title=extraction.title or fallback_title,
        language=extraction.language,
        text=document.text,
        content_hash=content_hash(document.text),
        url=url,
        canonical_url=canonical_url(url),
        published=extraction.published,
        summary=extraction.summary,
        figures=extraction.figures,
        commitments=extraction.commitments,
        source_id=source_id,
        fetched_at=datetime.now(UTC).replace(tzinfo=None),
    )


def ingest_document(
    store: Store, document: Document, *, source_id: int | None = None
) -> IngestResult:
    """Extract and store one document; duplicates (URL or content) are skipped, not errors."""
    return store.add_release(release_from(document, extract(document), source_id=source_id))
