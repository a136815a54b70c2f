"""What a subscription wants in its digest: sources, language, keywords, indicators.

Stored as the JSON ``filters`` column of a subscription; this dataclass is the only code
that reads or writes that dict, so the command parser (``bot.digest.subscriptions``) and the
digest builder (``bot.digest.build``) cannot drift apart. Every filter narrows: a release must
pass all filters that are set, and any one value of a filter.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from bot.model import Release

_SCALARS = ("skip_empty", "labels")


@dataclass(frozen=True, slots=True)
class DigestFilters:
    sources: tuple[str, ...] = ()
    """Lower-cased fragments of source names (``nda`` matches ``NDA 国家数据局``)."""
    languages: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    """Lower-cased words or phrases looked for in title, summary and text."""
    indicators: tuple[str, ...] = ()
    """Catalog indicator ids; also limits "Indicators that moved" to these."""
    skip_empty: bool = False
    """Post nothing in a week without releases (instead of a one-line note)."""
    labels: str = "both"
    """How figures are named: ``both`` (English label and Chinese subject), ``en`` or ``zh``
    (``lang en|zh|both``; not a filter, it narrows nothing)."""

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> DigestFilters:
        data = data or {}
        lists = {
            f.name: tuple(str(v) for v in data.get(f.name) or ())
            for f in fields(cls)
            if f.name not in _SCALARS
        }
        return cls(
            **lists,
            skip_empty=bool(data.get("skip_empty", False)),
            labels=str(data.get("labels") or "both"),
        )

    def to_dict(self) -> dict[str, Any]:
        """Only what is set, so an unfiltered subscription stores ``{}``."""
        data: dict[str, Any] = {
            f.name: list(getattr(self, f.name))
            for f in fields(self)
            if f.name not in _SCALARS and getattr(self, f.name)
        }
        if self.skip_empty:
            data["skip_empty"] = True
        if self.labels != "both":
            data["labels"] = self.labels
        return data

    @property
    def narrows(self) -> bool:
        return bool(self.sources or self.languages or self.keywords or self.indicators)

    def admits(self, release: Release) -> bool:
        source = (release.source_name or "").lower()
        if self.sources and not any(fragment in source for fragment in self.sources):
            return False
        if self.languages and release.language not in self.languages:
            return False
        if self.keywords:
            haystack = f"{release.title}\n{release.summary}\n{release.text}".lower()
            if not any(keyword in haystack for keyword in self.keywords):
                return False
        if self.indicators:
            wanted = set(self.indicators)
            if not any(figure.indicator in wanted for figure in release.figures):
                return False
        return True
