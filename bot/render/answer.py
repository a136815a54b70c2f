"""Render a lookup :class:`~bot.lookup.answer.Answer` as Block Kit and as plain text.

Both come from the same pieces so Slack, the console and ``cdfbot ask`` say the same
thing. Every source-derived string goes through :func:`~bot.render.mrkdwn.escape` or
:func:`~bot.render.mrkdwn.link` before it reaches mrkdwn
(https://api.slack.com/reference/surfaces/formatting#escaping); block sizes are enforced
by :mod:`bot.render.blocks`.
"""

from __future__ import annotations

from bot.constants import NO_FIGURE, UNKNOWN_QUERY
from bot.lookup.answer import Answer
from bot.lookup.history import PeriodValue, period_label
from bot.model import Change, StoredFigure
from bot.render.blocks import Block, context, header, section
from bot.render.buttons import actions, pick_buttons, source_button
from bot.render.labels import figure_label
from bot.render.mrkdwn import escape, link
from bot.render.numbers import format_change, format_qualified, format_value
from bot.render.reply import Reply

HISTORY_SHOWN = 8


def describe(stored: StoredFigure, change: Change | None = None) -> str:
    """'4.251 million (+874,000 previous year) · 2024' — the value line without markup."""
    figure = stored.figure
    parts = [format_qualified(figure.value, figure.unit, figure.qualifier)]
    change = change or figure.change
    if change:
        parts.append(f"({format_change(change)})")
    parts.append(f"· {period_label(stored)}")
    return " ".join(parts)


def _date(stored: StoredFigure) -> str:
    return stored.published.isoformat() if stored.published else "undated"


def _source(stored: StoredFigure, *, markup: bool) -> str:
    """'MIIT · <url|title> · 2025-01-27' (the publisher only when known)."""
    origin = f"{stored.source_name} · " if stored.source_name else ""
    if markup:
        return f"{escape(origin)}{link(stored.release_url, stored.release_title)} · {_date(stored)}"
    url = f" <{stored.release_url}>" if stored.release_url else ""
    return f"{origin}{stored.release_title}{url} · {_date(stored)}"


def _short(stored: StoredFigure) -> str:
    figure = stored.figure
    who = stored.source_name or stored.release_title
    return f"{format_value(figure.value, figure.unit)} ({who}, {_date(stored)})"


def _notes(value: PeriodValue) -> list[str]:
    notes = [f"revised from {_short(old)}" for old in value.revised]
    if value.conflicts:
        sides = " vs ".join(_short(s) for s in [value.figure, *value.conflicts])
        notes.append(f"⚠ sources disagree: {sides}")
    return notes


def _title(answer: Answer) -> str:
    if answer.indicator:
        chinese = f" / {answer.indicator.names_zh[0]}" if answer.indicator.names_zh else ""
        return f"{answer.indicator.name_en}{chinese}"
    return answer.query


def render_answer(answer: Answer) -> Reply:
    if answer.choices:
        return _render_choices(answer)
    if answer.latest:
        return _render_indicator(answer)
    if answer.matches:
        return _render_matches(answer)
    return _render_not_found(answer)


def _render_indicator(answer: Answer) -> Reply:
    latest = answer.latest
    assert latest is not None and answer.indicator is not None
    stored, title = latest.figure, _title(answer)
    line = describe(stored, answer.change)
    notes = _notes(latest)
    text = [title, f"Latest: {line}", f"Source: {_source(stored, markup=False)}"]
    text += [f"Note: {n}" for n in notes]
    blocks: list[Block] = [
        header(title),
        section(f"*{escape(line)}*\n{escape(figure_label(stored.figure))}"),
        context([f"Source: {_source(stored, markup=True)}", *(escape(n) for n in notes)]),
    ]
    if answer.show_source:
        blocks.append(section(f"> {escape(stored.figure.sentence)}"))
        text.append(f"Sentence: “{stored.figure.sentence}”")
    earlier = answer.history[1:HISTORY_SHOWN]
    if earlier:
        rows, plain = [], []
        for value in earlier:
            extra = "".join(f" — _{escape(n)}_" for n in _notes(value))
            rows.append(
                f"• {escape(describe(value.figure))} — "
                f"{link(value.figure.release_url, value.figure.release_title)}{extra}"
            )
            plain.append(
                f"  - {describe(value.figure)} — {value.figure.release_title}"
                + "".join(f" ({n})" for n in _notes(value))
            )
        blocks.append(
            section("*History* (one value per period; newest release wins)\n" + "\n".join(rows))
        )
        text += ["History:", *plain]
    buttons = [] if answer.show_source else [source_button(answer.indicator)]
    buttons += pick_buttons(answer.alternatives)
    if answer.alternatives:
        names = ", ".join(i.name_en for i in answer.alternatives)
        blocks.append(context([f"Also: {escape(names)}"]))
        text.append(f"Also: {names}")
    blocks.append(actions(buttons, "cdf_answer"))
    return Reply(text="\n".join(text), blocks=blocks)


def _render_choices(answer: Answer) -> Reply:
    title = f"“{answer.query}” matches several indicators — pick one"
    rows = [f"{c.indicator.name_en}: {describe(c.latest.figure)}" for c in answer.choices]
    marked = [
        f"• *{escape(c.indicator.name_en)}*: {escape(describe(c.latest.figure))}"
        for c in answer.choices
    ]
    blocks = [
        section(f"*{escape(title)}*\n" + "\n".join(marked)),
        actions(pick_buttons([c.indicator for c in answer.choices]), "cdf_choices"),
    ]
    return Reply(text="\n".join([title, *(f"  - {r}" for r in rows)]), blocks=blocks)


def _render_matches(answer: Answer) -> Reply:
    title = f"Figures about “{answer.query}”"
    rows = [
        f"• {figure_label(s.figure)}: {describe(s)} — {s.release_title}" for s in answer.matches
    ]
    marked = [
        f"• {escape(figure_label(s.figure))}: *{escape(describe(s))}* — "
        f"{link(s.release_url, s.release_title)} · {_date(s)}"
        for s in answer.matches
    ]
    blocks: list[Block] = [header(title), section("\n".join(marked))]
    if answer.show_source:
        quotes = [f"> {escape(s.figure.sentence)}" for s in answer.matches[:3]]
        blocks.append(section("\n".join(quotes)))
        rows += [f"  “{s.figure.sentence}”" for s in answer.matches[:3]]
    return Reply(text="\n".join([title, *rows]), blocks=blocks)


def _render_not_found(answer: Answer) -> Reply:
    if answer.releases:
        lines = [NO_FIGURE.format(query=answer.query)]
    else:
        lines = [UNKNOWN_QUERY.format(query=answer.query)]
    if answer.no_data:
        lines.append(
            f"“{answer.no_data.name_en}” is a known indicator, but no release has a value yet."
        )
    blocks: list[Block] = [section(escape(" ".join(lines)))]
    if answer.suggestions:
        names = ", ".join(i.name_en for i in answer.suggestions)
        lines.append(f"Did you mean: {names}?")
        blocks.append(section("*Did you mean…*"))
        blocks.append(actions(pick_buttons(answer.suggestions), "cdf_suggestions"))
    if answer.releases:
        lines.append("Releases that mention it:")
        lines += [f"  - {r.title} ({r.published or 'undated'})" for r in answer.releases]
        marked = [f"• {link(r.url, r.title)} ({r.published or 'undated'})" for r in answer.releases]
        blocks.append(section("*Releases that mention it*\n" + "\n".join(marked)))
    return Reply(text="\n".join(lines), blocks=blocks)
