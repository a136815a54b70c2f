"""Render a :class:`~bot.digest.build.Digest` as Slack messages (parent + thread replies) and text.

Every block is built together with its plain-text twin, so the terminal preview, the
notification fallback and the blocks say the same thing. Slack caps a message at 50
blocks and about 12,000 characters of block text, a section at 3,000 and a header at 150
(https://api.slack.com/reference/block-kit/blocks); longer digests continue as replies in
the parent's thread, each with its own fallback ``text``
(https://api.slack.com/methods/chat.postMessage#text_usage). Source-derived text goes
through :func:`~bot.render.mrkdwn.escape` in blocks *and* fallbacks: Slack parses the
fallback for mentions too.
"""

from __future__ import annotations

from datetime import date

from bot.constants import (
    EMPTY_DIGEST,
    MAX_BLOCKS_PER_MESSAGE,
    MAX_FALLBACK_TEXT,
    MAX_MESSAGE_BLOCK_CHARS,
)
from bot.digest.build import Digest, DigestItem, Move
from bot.model import Figure
from bot.render import labels
from bot.render.blocks import Block, block_text_length, context, divider, header, section
from bot.render.mrkdwn import escape, link, truncate
from bot.render.numbers import format_change, format_qualified, format_value
from bot.render.reply import Reply

Part = tuple[Block, str]
"""A block and its plain-text twin (unescaped; escaped when used as a Slack fallback)."""

RESERVED_BLOCKS = 2  # room for a "part i/n" line and a preview note in every message
RESERVED_CHARS = 400
MOVES_PER_SECTION = 10
COMMITMENT_CHARS = 280
TITLE_CHARS = 300


def period_label(start: date, end: date) -> str:
    """'18–24 Nov 2024', '28 Oct – 3 Nov 2024', '30 Dec 2024 – 5 Jan 2025'."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%b %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%b} – {end.day} {end:%b %Y}"
    return f"{start.day} {start:%b %Y} – {end.day} {end:%b %Y}"


def digest_title(digest: Digest) -> str:
    return f"CDF & NDA digest · {period_label(digest.start, digest.end)}"


def figure_label(figure: Figure, lang: str = "both") -> str:
    """English label and Chinese subject, as the subscription's ``lang`` asks
    (:func:`bot.render.labels.figure_label`)."""
    return labels.figure_label(figure, lang)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def _figure(figure: Figure, lang: str = "both") -> tuple[str, str]:
    """(mrkdwn, plain) for one key figure: label, value, change, period."""
    value = format_qualified(figure.value, figure.unit, figure.qualifier)
    change = f" ({format_change(figure.change)})" if figure.change else ""
    period = f" · {figure.period}" if figure.period else ""
    label = figure_label(figure, lang)
    return (
        f"• {escape(label)}: *{escape(value)}*{escape(change + period)}",
        f"  - {label}: {value}{change}{period}",
    )


def _item(item: DigestItem, lang: str = "both") -> Part:
    release = item.release
    title = truncate(release.title, TITLE_CHARS)
    when = _day(release.published) if release.published else "undated"
    if not release.published and release.fetched_at:
        when = f"undated, fetched {_day(release.fetched_at.date())}"
    where = f"{release.source_name} · {when}" if release.source_name else when
    rows = [f"*{link(release.url, title)}*"]
    plain = [f"* {title}" + (f" <{release.url}>" if release.url else "")]
    if release.language != "en" and item.labels:
        labels = " · ".join(item.labels)
        rows.append(f"_{escape(labels)}_")
        plain.append(f"  [{labels}]")
    rows.append(escape(where))
    plain.append(f"  {where}")
    for figure in item.figures:
        mrkdwn, text = _figure(figure, lang)
        rows.append(mrkdwn)
        plain.append(text)
    for commitment in item.commitments:
        promise = truncate(commitment.text, COMMITMENT_CHARS)
        rows.append(f"» _{escape(promise)}_")
        plain.append(f"  > {promise}")
    return section("\n".join(rows)), "\n".join(plain)


def _move(move: Move) -> tuple[str, str]:
    name, new = move.indicator.name_en, move.new
    after = format_value(new.value, new.unit) + (f" ({new.period})" if new.period else "")
    if move.old is None:
        line = f"{name}: {after}, first value on record"
        return f"• *{escape(name)}*: *{escape(after)}*, first value on record", f"  - {line}"
    old = move.old.figure
    before = format_value(old.value, old.unit) + (f" ({old.period})" if old.period else "")
    change = f" · {format_change(move.change)}" if move.change else ""
    line = f"{name}: {before} → {after}{change}"
    return (
        f"• *{escape(name)}*: {escape(before)} → *{escape(after)}*{escape(change)}",
        f"  - {line}",
    )


def _moves(digest: Digest) -> list[Part]:
    if not digest.moved:
        return []
    parts: list[Part] = [(section("*Indicators that moved*"), "\nIndicators that moved")]
    for offset in range(0, len(digest.moved), MOVES_PER_SECTION):
        lines = [_move(m) for m in digest.moved[offset : offset + MOVES_PER_SECTION]]
        parts.append((section("\n".join(m for m, _ in lines)), "\n".join(t for _, t in lines)))
    return parts


def _footer(digest: Digest) -> Part:
    counts = " · ".join(
        [
            _count(digest.release_count, "release"),
            _count(digest.figure_count, "figure"),
            _count(digest.commitment_count, "commitment"),
            _count(len(digest.moved), "indicator") + " moved",
        ]
    )
    example = digest.moved[0].indicator.name_en if digest.moved else "5G base stations"
    hint = "`/cdf {}` for history, e.g. `/cdf {}`"
    mrkdwn = hint.format("&lt;indicator&gt;", example.replace("&", "&amp;"))
    return context([f"{counts}\n{mrkdwn}"]), f"\n{counts}\n{hint.format('<indicator>', example)}"


def digest_parts(digest: Digest) -> list[Part]:
    """Everything the digest shows, in order, before it is split into messages."""
    title = digest_title(digest)
    parts: list[Part] = [(header(title), title)]
    if not digest.release_count:
        note = EMPTY_DIGEST.format(start=_day(digest.start), end=_day(digest.end))
        return [*parts, (section(escape(note)), note)]
    for source, items in digest.groups.items():
        parts.append((section(f"*{escape(source)}*"), f"\n{source}"))
        parts.extend(_item(item, digest.filters.labels) for item in items)
        parts.append((divider(), ""))
    return [*parts, *_moves(digest), _footer(digest)]


def digest_text(digest: Digest) -> str:
    """The whole digest as plain text, for the terminal (``cdfbot digest --preview``)."""
    return "\n".join(text for _, text in digest_parts(digest) if text)


def render_digest(digest: Digest) -> list[Reply]:
    """Messages to post: the first is the parent, the rest go into its thread."""
    chunks = split_parts(digest_parts(digest))
    title = digest_title(digest)
    replies = []
    for number, chunk in enumerate(chunks, start=1):
        blocks = [block for block, _ in chunk]
        texts = [text for _, text in chunk if text]
        if len(chunks) > 1 and number > 1:
            note = f"{title} · part {number} of {len(chunks)}"
            blocks.insert(0, context([escape(note)]))
            texts.insert(0, note)
        fallback = truncate("\n".join(texts).strip(), MAX_FALLBACK_TEXT)
        replies.append(Reply(text=fallback, blocks=blocks, response_type="in_channel"))
    return replies


def render_preview(digest: Digest) -> Reply:
    """The parent message as it would be posted, ephemeral, with a note about the thread."""
    replies = render_digest(digest)
    preview = replies[0]
    note = "Preview: only you can see this."
    if len(replies) > 1:
        note += f" The digest continues in {len(replies) - 1} thread replies."
    if not digest.release_count and digest.filters.skip_empty:
        note += " As things stand nothing will be posted: this subscription skips quiet weeks."
    preview.blocks.append(context([note]))
    return Reply(text=f"{preview.text}\n\n{note}", blocks=preview.blocks)


def split_parts(parts: list[Part]) -> list[list[Part]]:
    """Greedy split under the block-count and block-text limits, keeping room for notes."""
    max_blocks = MAX_BLOCKS_PER_MESSAGE - RESERVED_BLOCKS
    max_chars = MAX_MESSAGE_BLOCK_CHARS - RESERVED_CHARS
    chunks: list[list[Part]] = [[]]
    used = 0
    for part in parts:
        size = block_text_length([part[0]])
        if chunks[-1] and (len(chunks[-1]) >= max_blocks or used + size > max_chars):
            chunks.append([])
            used = 0
        if part[0]["type"] == "divider" and not chunks[-1]:
            continue  # a continuation never starts with a divider
        chunks[-1].append(part)
        used += size
    for chunk in chunks:  # nor does a message end with one
        while len(chunk) > 1 and chunk[-1][0]["type"] == "divider":
            chunk.pop()
    return chunks
