"""The one shape every face sends: Block Kit blocks plus a plain-text twin.

Slack shows ``blocks`` and uses ``text`` for notifications and screen readers
(https://api.slack.com/methods/chat.postMessage#text_usage); the console prints ``text``.
Both are rendered from the same answer model, so they never disagree.

``text`` is plain, unescaped text for people. Slack parses a message's ``text`` as mrkdwn
too, mentions included, so whatever sends it to Slack uses :attr:`Reply.slack_text`,
escaped and cut to Slack's 40,000-character limit.

A reply that must reach a channel exactly once (a digest, a new-release alert) carries a
:class:`MessageMarker`; the Slack poster sends it as message metadata and looks for it
before posting again after an ambiguous outcome.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from bot.constants import MAX_FALLBACK_TEXT
from bot.render.mrkdwn import escape_markup, truncate


@dataclass(frozen=True, slots=True)
class MessageMarker:
    """The identity of a message that must be posted once.

    Slack's ``chat.postMessage`` takes no idempotency key, so the message carries its own
    identity as message metadata (https://api.slack.com/metadata/using): ``event_type``
    and ``payload`` (e.g. ``cdf_digest`` with the subscription and period). No attempt to
    post it started before ``posted_after``; ``check_first`` says an earlier attempt may
    have reached Slack, so the channel is searched before posting at all.
    """

    event_type: str
    payload: dict[str, str]
    posted_after: datetime
    check_first: bool = False

    def to_slack(self) -> dict[str, Any]:
        """The ``metadata`` argument of chat.postMessage."""
        return {"event_type": self.event_type, "event_payload": dict(self.payload)}

    def found_in(self, message: dict[str, Any]) -> bool:
        """True when ``message`` (from conversations.history) carries this marker."""
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        return (
            metadata.get("event_type") == self.event_type
            and {key: str(value) for key, value in payload.items()} == self.payload
        )


@dataclass(slots=True)
class Reply:
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    response_type: Literal["ephemeral", "in_channel"] = "ephemeral"
    marker: MessageMarker | None = None
    """Set on a reply posted to a channel that must arrive once (never sent by ``to_slack``)."""

    @property
    def slack_text(self) -> str:
        """The fallback as Slack must receive it: escaped, so it cannot ping or link."""
        return truncate(escape_markup(self.text), MAX_FALLBACK_TEXT)

    def to_slack(self) -> dict[str, Any]:
        """Payload for ``respond()``/``ack()``: always an explicit response_type."""
        payload: dict[str, Any] = {"text": self.slack_text, "response_type": self.response_type}
        if self.blocks:
            payload["blocks"] = self.blocks
        return payload
