"""The one shape every face sends: Block Kit blocks plus a plain-text twin.

Slack shows ``blocks`` and uses ``text`` for notifications and screen readers
(https://api.slack.com/methods/chat.postMessage#text_usage); the console prints ``text``.
Both are rendered from the same answer model, so they never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass(slots=True)
class Reply:
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    response_type: Literal["ephemeral", "in_channel"] = "ephemeral"

    def to_slack(self) -> dict[str, Any]:
        """Payload for ``respond()``/``ack()``: always an explicit response_type."""
        payload: dict[str, Any] = {"text": self.text, "response_type": self.response_type}
        if self.blocks:
            payload["blocks"] = self.blocks
        return payload
