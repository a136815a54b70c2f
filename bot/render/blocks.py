"""Block Kit builders that enforce Slack's per-block limits as they build.

Limits from https://api.slack.com/reference/block-kit/blocks (header ≤ 150 chars,
section text ≤ 3,000, context ≤ 10 elements); named in :mod:`bot.constants`.
"""

from __future__ import annotations

from typing import Any

from bot.constants import MAX_CONTEXT_ELEMENTS, MAX_HEADER_TEXT, MAX_SECTION_TEXT
from bot.render.mrkdwn import truncate

Block = dict[str, Any]


def header(text: str) -> Block:
    """Plain-text header: Slack renders it verbatim, so no escaping is needed."""
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": truncate(text, MAX_HEADER_TEXT)},
    }


def section(mrkdwn: str) -> Block:
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": truncate(mrkdwn, MAX_SECTION_TEXT)},
    }


def context(elements: list[str]) -> Block:
    items = [{"type": "mrkdwn", "text": truncate(e, MAX_SECTION_TEXT)} for e in elements]
    return {"type": "context", "elements": items[:MAX_CONTEXT_ELEMENTS]}


def divider() -> Block:
    return {"type": "divider"}


def block_text_length(blocks: list[Block]) -> int:
    """Characters of text a message carries, to stay under Slack's ~12,000 per message."""
    total = 0
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            total += len(text.get("text", ""))
        for element in block.get("elements", []) or []:
            if isinstance(element, dict):
                total += len(element.get("text", "") or "")
    return total
