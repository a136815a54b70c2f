"""``/cdf help``: every command with an example, from :data:`bot.constants.HELP_LINES`.

One section per group keeps each under Slack's 3,000-character section limit
(https://api.slack.com/reference/block-kit/blocks#section); the plain-text twin is what
the console prints.
"""

from __future__ import annotations

from bot.constants import HELP_LINES, HELP_TITLE
from bot.render.blocks import Block, header, section
from bot.render.mrkdwn import escape
from bot.render.reply import Reply


def render_help() -> Reply:
    """Commands as ``usage — what it does — example``; admin-only ones say so."""
    text = [HELP_TITLE]
    rows = []
    for usage, what, example in HELP_LINES:
        text.append(f"  {usage}  — {what}   e.g. {example}")
        rows.append(f"`{escape(usage)}` — {escape(what)}  e.g. `{escape(example)}`")
    blocks: list[Block] = [header("cdf-digest-bot help")]
    for start in range(0, len(rows), 8):
        blocks.append(section("\n".join(rows[start : start + 8])))
    return Reply(text="\n".join(text), blocks=blocks)
