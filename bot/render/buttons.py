"""Buttons that re-ask ``/cdf`` about one indicator: pick lists, "Also", "Source sentence".

Block Kit limits (https://api.slack.com/reference/block-kit/block-elements#button and
https://api.slack.com/reference/block-kit/blocks#actions): button text ≤ 75 characters,
``action_id`` ≤ 255 and unique within the message, ``value`` ≤ 2,000, ≤ 25 elements per
actions block. Every id starts with :data:`ACTION_PREFIX` so ``handlers/actions.py`` can
claim them with one pattern; the value is an indicator id, never free text.
"""

from __future__ import annotations

from typing import Any

from bot.extract.catalog import Indicator
from bot.render.mrkdwn import truncate

ACTION_PREFIX = "cdf_"
PICK = ACTION_PREFIX + "pick"
SOURCE = ACTION_PREFIX + "source"
MAX_BUTTON_TEXT = 75
MAX_ACTION_ELEMENTS = 25


def button(text: str, action: str, value: str, *, primary: bool = False) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": truncate(text, MAX_BUTTON_TEXT)},
        "action_id": f"{action}:{value}"[:255],
        "value": value,
    }
    if primary:
        element["style"] = "primary"
    return element


def pick_buttons(indicators: list[Indicator]) -> list[dict[str, Any]]:
    """One button per indicator, labelled in English with the first Chinese name."""
    return [button(_label(i), PICK, i.id) for i in indicators]


def source_button(indicator: Indicator) -> dict[str, Any]:
    return button("Source sentence", SOURCE, indicator.id)


def actions(elements: list[dict[str, Any]], block_id: str) -> dict[str, Any]:
    return {"type": "actions", "block_id": block_id, "elements": elements[:MAX_ACTION_ELEMENTS]}


def parse_action(action_id: str, value: str) -> tuple[str, str]:
    """(kind, indicator id) of a clicked button: kind is ``pick`` or ``source``."""
    kind = action_id.split(":", 1)[0].removeprefix(ACTION_PREFIX)
    return kind, value


def _label(indicator: Indicator) -> str:
    chinese = f" / {indicator.names_zh[0]}" if indicator.names_zh else ""
    return f"{indicator.name_en}{chinese}"
