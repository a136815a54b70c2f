"""Sample releases shipped in ``examples/``: loaded on first start with an empty database,
so ``/cdf 5g`` has an answer on a machine with no network."""

from __future__ import annotations

from pathlib import Path

from bot.store import Store
from bot.text.loader import load_document
from bot.watch.ingest import ingest_document

SAMPLE_SUFFIXES = (".txt", ".html", ".pdf")


def examples_dir() -> Path | None:
    """``examples/`` beside the packages (a checkout), else in the working directory."""
    for candidate in (Path(__file__).resolve().parents[2] / "examples", Path.cwd() / "examples"):
        if candidate.is_dir():
            return candidate
    return None


def load_examples_if_empty(store: Store, directory: Path | None = None) -> tuple[int, Path | None]:
    """Ingest every sample when no release is stored yet; returns (count stored, folder)."""
    directory = directory or examples_dir()
    if directory is None or store.count_releases() > 0:
        return 0, directory
    stored = 0
    for path in sorted(directory.iterdir()):
        if path.suffix.lower() in SAMPLE_SUFFIXES:
            stored += ingest_document(store, load_document(str(path))).stored
    return stored, directory
