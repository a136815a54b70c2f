"""Escaping for Slack mrkdwn: source-derived text must never become markup.

Slack asks for exactly three replacements, ``&`` → ``&amp;``, ``<`` → ``&lt;``,
``>`` → ``&gt;`` (https://api.slack.com/reference/surfaces/formatting#escaping).
With ``<`` escaped, ``<!channel>`` or ``<@U123>`` in a title is shown as text and pings
nobody; we also neutralise ``*``, ``_``, ``~`` and backticks so a hostile title cannot
restyle the message, by putting a zero-width space after them.
"""

from __future__ import annotations

_ZWSP = "\u200b"
_MARKUP = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_STYLE = str.maketrans({c: c + _ZWSP for c in "*_~`"})


def escape_markup(text: str) -> str:
    """Slack's own rule, nothing more: no mention, link or entity can form, while
    deliberate formatting in our own strings (`/cdf help`) survives. For fallbacks and
    for our messages that echo a user's input; source text gets :func:`escape`."""
    return text.translate(_MARKUP)


def escape(text: str) -> str:
    """Text safe to embed in mrkdwn: no mentions, links or styling from the source."""
    return text.translate(_MARKUP).translate(_STYLE)


def link(url: str | None, label: str) -> str:
    """``<url|label>`` with the label escaped; plain escaped label when the URL is unusable."""
    safe_label = escape(label).replace("|", "¦")
    if not url or not url.startswith(("http://", "https://")) or any(c in url for c in "<>| \n"):
        return safe_label
    return f"<{url.replace('&', '&amp;')}|{safe_label}>"


def truncate(text: str, limit: int) -> str:
    """Cut to ``limit`` characters with an ellipsis, never leaving half an escape entity."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut + "…"
