"""What a poll did, per source and per cycle: the shape printed by ``cdfbot poll --once``."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.model import Release, Source

NEW = "new"
UNCHANGED = "unchanged"
FAILED = "failed"
TIMED_OUT = "timed out"


@dataclass(slots=True)
class SourceOutcome:
    """One source's poll: its state afterwards and what it found.

    ``status`` is NEW (the list was parsed; it may still have held nothing new), UNCHANGED
    (304 or the same body bytes: nothing was parsed), FAILED or TIMED_OUT.
    """

    source: Source
    status: str
    new_releases: list[Release] = field(default_factory=list)
    linked: int = 0
    listed: int = 0
    parsed: bool = False
    item_errors: list[str] = field(default_factory=list)
    error: str | None = None
    turned_failing: bool = False
    backfill: bool = False
    """The source's first successful parse: its whole list is new, none of it news."""
    layout_change: str | None = None
    """"layout changed: items now found in …" when this poll healed the list settings."""
    quiet_ids: set[int] = field(default_factory=set)
    """Releases of the first poll's list stored by a later poll (its backlog): not news."""
    seconds: float = 0.0


@dataclass(slots=True)
class PollSummary:
    """Every outcome of one cycle, with totals for logs and the CLI."""

    outcomes: list[SourceOutcome] = field(default_factory=list)
    seconds: float = 0.0
    skipped_in_flight: int = 0

    @property
    def polled(self) -> int:
        return len(self.outcomes)

    @property
    def new_releases(self) -> list[Release]:
        return [r for o in self.outcomes for r in o.new_releases]

    @property
    def parsed(self) -> int:
        return sum(1 for o in self.outcomes if o.parsed)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    def headline(self) -> str:
        """One line: how many sources, what happened to them, how long it took."""
        linked = sum(o.linked for o in self.outcomes)
        parts = [
            f"polled {self.polled} sources in {self.seconds:.2f}s",
            f"{len(self.new_releases)} new releases",
            f"{linked} linked to stored releases",
            f"{self.count(UNCHANGED)} unchanged",
            f"{self.count(FAILED)} failed",
        ]
        if self.count(TIMED_OUT):
            parts.append(f"{self.count(TIMED_OUT)} still running")
        if self.skipped_in_flight:
            parts.append(f"{self.skipped_in_flight} skipped (previous poll still running)")
        return ", ".join(parts)
