"""What every face hands the router: the text after ``/cdf`` and who asked, where."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class CommandRequest:
    """One ``/cdf`` invocation, face-neutral (Slack, the console and the CLI build it)."""

    text: str
    user_id: str
    channel_id: str | None = None
    is_dm: bool = False
