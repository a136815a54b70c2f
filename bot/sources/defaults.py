"""The default sources, read from ``bot/data/sources.toml`` and checked entry by entry.

Sites change their markup without notice, so the defaults are data an admin can correct
(or override per deployment) rather than code. A bad entry fails loudly, naming itself,
instead of turning into a source that silently never yields anything.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.errors import ConfigError
from bot.model import Source
from bot.sources.base import SOURCE_KINDS

MIN_INTERVAL_SECONDS = 300
"""Government sites publish a few times a day; polling faster is impolite, not useful."""
PAGE_SETTINGS = frozenset({"remove", "body", "attachments", "subpages"})
SETTINGS_BY_KIND = {
    "rss": PAGE_SETTINGS,
    "html": PAGE_SETTINGS | {"item", "link", "title", "date"},
    "json": PAGE_SETTINGS | {"items", "title", "url", "date"},
    "pdf": frozenset({"remove", "link"}),
}
_FIELDS = frozenset({"name", "url", "kind", "enabled", "interval", "settings", "note"})


def default_sources_path() -> Path:
    return Path(str(resources.files("bot").joinpath("data/sources.toml")))


def load_default_sources(path: Path | None = None) -> list[Source]:
    """Every ``[[source]]`` of the file as a Source; ConfigError naming the first bad one."""
    path = path or default_sources_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read default sources from {path}: {exc}") from None
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise ConfigError(f"{path}: expected [[source]] tables")
    sources, names = [], set()
    for number, entry in enumerate(entries, start=1):
        source = _source(entry, f"{path.name} entry {number}")
        if source.name in names:
            raise ConfigError(f"{path.name} entry {number}: duplicate name '{source.name}'")
        names.add(source.name)
        sources.append(source)
    return sources


def _source(entry: Any, where: str) -> Source:
    if not isinstance(entry, dict):
        raise ConfigError(f"{where}: expected a table")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ConfigError(f"{where}: missing 'name'")
    label = f"{where} ('{name}')"
    if unknown := sorted(set(entry) - _FIELDS):
        raise ConfigError(f"{label}: unknown field(s) {', '.join(unknown)}")
    url, kind = entry.get("url"), entry.get("kind")
    parts = urlsplit(url if isinstance(url, str) else "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"{label}: url {url!r} is not an http(s) URL")
    if kind not in SOURCE_KINDS:
        raise ConfigError(f"{label}: kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
    enabled, interval = entry.get("enabled", True), entry.get("interval", 3600)
    if not isinstance(enabled, bool):
        raise ConfigError(f"{label}: 'enabled' must be true or false")
    if not isinstance(interval, int) or interval < MIN_INTERVAL_SECONDS:
        raise ConfigError(f"{label}: 'interval' must be ≥ {MIN_INTERVAL_SECONDS} seconds")
    settings = _settings(entry.get("settings", {}), kind, label)
    note = entry.get("note")
    return Source(
        url=url,
        kind=kind,
        name=name.strip(),
        enabled=enabled,
        interval_seconds=interval,
        settings=settings,
        note=note.strip() if isinstance(note, str) and note.strip() else None,
    )


def _settings(settings: Any, kind: str, label: str) -> dict[str, Any]:
    """The entry's settings; a list page without ``item`` runs on detection (see
    bot.sources.healing), so no setting is required."""
    if not isinstance(settings, dict):
        raise ConfigError(f"{label}: 'settings' must be a table")
    if unknown := sorted(set(settings) - SETTINGS_BY_KIND[kind]):
        raise ConfigError(f"{label}: setting(s) {', '.join(unknown)} do not apply to {kind}")
    return dict(settings)
