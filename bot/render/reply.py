"""The one shape every face sends: Block Kit blocks plus a plain-text twin.

Slack shows ``blocks`` and uses ``text`` for notifications and screen readers
(https://api.slack.com/methods/chat.postMessage#text_usage); the console prints ``text``.
Both are rendered from the same answer model, so they never disagree.

``text`` is plain, unescaped text for people. Slack parses a message's ``text`` as mrkdwn
too, mentions included, so whatever sends it to Slack uses :attr:`Reply.slack_text`,
escaped and cut to Slack's 40,000-character limit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from bot.constants import MAX_FALLBACK_TEXT
from bot.render.mrkdwn import escape_markup, truncate


@dataclass(slots=True)
class Reply:
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    response_type: Literal["ephemeral", "in_channel"] = "ephemeral"

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
