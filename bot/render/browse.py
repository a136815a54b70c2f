"""Replies for ``/cdf latest [n]``, ``search WORDS``, ``commitments TOPIC`` and ``indicators``.

Same contract as :mod:`bot.render.answer`: a Block Kit rendering and its plain-text twin
from the same rows; source text escaped (https://api.slack.com/reference/surfaces/formatting);
sections cut to Slack's 3,000 characters and at most 50 blocks per message
(https://api.slack.com/reference/block-kit/blocks) by :mod:`bot.render.blocks`.
"""

from __future__ import annotations

from datetime import date

from bot.constants import MAX_BLOCKS_PER_MESSAGE
from bot.digest.build import key_figures
from bot.extract.catalog import Indicator
from bot.model import Commitment, Figure, Release, StoredFigure
from bot.render.blocks import Block, context, header, section
from bot.render.labels import figure_label
from bot.render.mrkdwn import escape, link
from bot.render.numbers import format_change, format_value
from bot.render.reply import Reply

SNIPPET = 160


def _figure(figure: Figure) -> str:
    value = format_value(figure.value, figure.unit)
    change = f" ({format_change(figure.change)})" if figure.change else ""
    period = f" · {figure.period}" if figure.period else ""
    return f"{figure_label(figure)}: {value}{change}{period}"


def _when(release: Release) -> str:
    return release.published.isoformat() if release.published else "undated"


def _reply(title: str, rows: list[tuple[str, str]], empty: str) -> Reply:
    """``rows`` are (mrkdwn, plain) pairs; one section each, under a header."""
    if not rows:
        return Reply(text=empty, blocks=[section(escape(empty))])
    blocks: list[Block] = [header(title)]
    blocks += [section(marked) for marked, _ in rows[: MAX_BLOCKS_PER_MESSAGE - 1]]
    return Reply(text="\n".join([title, *(plain for _, plain in rows)]), blocks=blocks)


def render_latest(found: list[Release]) -> Reply:
    rows = []
    for release in found:
        figures = [_figure(f) for f in key_figures(release)]
        origin = f"{release.source_name} · " if release.source_name else ""
        marked = f"*{link(release.url, release.title)}*\n{escape(origin)}{_when(release)}"
        marked += "".join(f"\n• {escape(f)}" for f in figures)
        plain = f"• {release.title} ({origin}{_when(release)})" + "".join(
            f"\n    - {f}" for f in figures
        )
        rows.append((marked, plain))
    return _reply(f"Latest {len(found)} releases", rows, "No releases are stored yet.")


def render_search(words: str, found: list[Release]) -> Reply:
    rows = []
    for release in found:
        snippet = _snippet(release.text, words)
        marked = f"*{link(release.url, release.title)}* · {_when(release)}\n{escape(snippet)}"
        rows.append((marked, f"• {release.title} ({_when(release)})\n    {snippet}"))
    return _reply(f"Releases mentioning “{words}”", rows, f"No release mentions “{words}”.")


def render_commitments(topic: str, found: list[tuple[Commitment, Release]]) -> Reply:
    rows = []
    for commitment, release in found:
        deadline = f" — deadline {commitment.deadline}" if commitment.deadline else ""
        area = f"[{commitment.area}] " if commitment.area else ""
        marked = (
            f"{escape(area)}{escape(commitment.text)}*{escape(deadline)}*\n"
            f"{link(release.url, release.title)} · {_when(release)}"
        )
        plain = f"• {area}{commitment.text}{deadline} — {release.title} ({_when(release)})"
        rows.append((marked, plain))
    return _reply(f"Commitments on “{topic}”", rows, f"No commitment about “{topic}” is stored.")


def render_indicators(catalog: list[Indicator], latest: dict[str, StoredFigure]) -> Reply:
    """The catalog by category, each indicator with its latest value (or "no value yet")."""
    by_category: dict[str, list[tuple[str, str]]] = {}
    for indicator in catalog:
        stored = latest.get(indicator.id)
        value = "no value yet"
        if stored:
            when = stored.figure.period or _iso(stored.published)
            value = f"{format_value(stored.figure.value, stored.figure.unit)} · {when}"
        zh = f" / {indicator.names_zh[0]}" if indicator.names_zh else ""
        by_category.setdefault(indicator.category, []).append(
            (
                f"• *{escape(indicator.name_en + zh)}* `{indicator.id}` — {escape(value)}",
                f"  - {indicator.name_en}{zh} [{indicator.id}] — {value}",
            )
        )
    rows = [
        (f"*{escape(category)}*\n" + "\n".join(m for m, _ in items), "\n".join(p for _, p in items))
        for category, items in by_category.items()
    ]
    reply = _reply(f"{len(catalog)} indicators", rows, "The catalog is empty.")
    reply.blocks.append(context(["Ask `/cdf <name>` for history and sources."]))
    return reply


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "undated"


def _snippet(text: str, words: str) -> str:
    """About :data:`SNIPPET` characters around the first word found (case-insensitive)."""
    flat = " ".join(text.split())
    lowered = flat.lower()
    positions = [lowered.find(w.lower()) for w in words.split()]
    hit = min((p for p in positions if p >= 0), default=0)
    start = max(0, hit - SNIPPET // 3)
    piece = flat[start : start + SNIPPET]
    return ("…" if start else "") + piece + ("…" if start + SNIPPET < len(flat) else "")
