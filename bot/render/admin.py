"""Replies for help and the admin verbs (sources, polls), as Block Kit and text.

Everything a source or a site supplies (names, titles, URLs, error messages) goes
through :func:`~bot.render.mrkdwn.escape` or :func:`~bot.render.mrkdwn.link` before it
reaches mrkdwn: list pages are untrusted input.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.constants import HELP_LINES, HELP_TITLE, MAX_SECTION_TEXT
from bot.model import Release, Source
from bot.render.blocks import context, header, section
from bot.render.mrkdwn import escape, escape_markup, link, truncate
from bot.render.reply import Reply

if TYPE_CHECKING:
    from bot.watch.poll.summary import PollSummary
    from bot.watch.source_admin import SourceCheck

DEFAULT_FAILURE_THRESHOLD = 5


def render_help() -> Reply:
    text = "\n".join([HELP_TITLE, *(f"  {cmd}  — {what}" for cmd, what, _ in HELP_LINES)])
    rows = "\n".join(f"`{escape(cmd)}` — {what}" for cmd, what, _ in HELP_LINES)
    return Reply(text=text, blocks=[header("cdf-digest-bot help"), section(rows)])


def every_text(seconds: int) -> str:
    """3600 → "1h", 1800 → "30m", 86400 → "1d": the form ``--every`` accepts."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def _when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "never"


def _state(source: Source, threshold: int) -> str:
    if not source.enabled:
        return "paused"
    return "FAILING" if source.failures >= threshold else "enabled"


def _source_row(source: Source, threshold: int = DEFAULT_FAILURE_THRESHOLD) -> str:
    state = _state(source, threshold)
    return (
        f"#{source.id} {source.name} [{source.kind}, {state}, every "
        f"{every_text(source.interval_seconds)}] {source.url}"
    )


def _health_row(source: Source, backlog: int = 0) -> str:
    parts = [
        f"last success {_when(source.last_success_at)}",
        f"next poll {_next_poll(source)}",
        f"items seen {source.items_seen}",
        f"failures {source.failures}",
    ]
    if backlog:
        parts.insert(3, f"backlog {backlog}")
    if source.last_error:
        parts.append(f"last error: {source.last_error}")
    elif source.note:
        parts.append(f"note: {source.note}")
    return "; ".join(parts)


def list_row(source: Source) -> str | None:
    """Where a list source's items are found, and by whom: "items in 'ul.u-list > li'
    (configured)", "items in 'div.item' (12 dated links), detected 2026-12-06", and a
    healed redesign's notice; None for feeds and PDFs."""
    if source.kind not in ("html", "json"):
        return None
    detected = source.settings.get("detected")
    if isinstance(detected, dict) and detected.get("found"):
        on = detected.get("on") or "?"
        if detected.get("change"):
            return f"{detected['change']} (on {on})"
        return f"items {detected['found']}, detected {on}"
    if source.kind == "json":
        path = source.settings.get("items") or ""
        return f"items at '{path}' (configured)" if path else "items at the top level (configured)"
    item = source.settings.get("item")
    return f"items in '{item}' (configured)" if item else "items: detected on the next poll"


def render_source_list(
    sources: list[Source],
    failure_threshold: int = DEFAULT_FAILURE_THRESHOLD,
    backlogs: dict[int, int] | None = None,
) -> Reply:
    """Every source with its health and where its items are found (:func:`list_row`);
    ``backlogs`` (source id → items a poll still owes) adds "backlog N" to the sources
    that have one."""
    if not sources:
        message = "No sources yet. Add one with `/cdf source add <url>`."
        return Reply(text=message, blocks=[section(message)])
    owed = backlogs or {}
    rows = [
        [
            _source_row(s, failure_threshold),
            _health_row(s, owed.get(s.id or 0, 0)),
            *filter(None, [list_row(s)]),
        ]
        for s in sources
    ]
    body = "\n".join(
        f"• {escape(top)}" + "".join(f"\n      {escape(line)}" for line in rest)
        for top, *rest in rows
    )
    failing = sum(1 for s in sources if _state(s, failure_threshold) == "FAILING")
    title = f"Watched sources ({len(sources)})" + (f", {failing} failing" if failing else "")
    text = "\n".join([title, *("\n    ".join(lines) for lines in rows)])
    return Reply(text=text, blocks=[header(title), section(truncate(body, MAX_SECTION_TEXT))])


def _dry_run_lines(check: SourceCheck, limit: int = 0) -> list[str]:
    if check.dry_run is None:
        return [f"Dry run failed: {check.problem}"] if check.problem else []
    lines = [f"Dry run ({check.dry_run.kind}): {check.dry_run.note}"]
    for item in check.dry_run.items[:limit]:
        when = f" ({item.published.isoformat()})" if item.published else ""
        lines.append(f"  - {item.title or item.url}{when} {item.url}")
    return lines


def render_source_added(check: SourceCheck) -> Reply:
    source = check.source
    lines = [f"Added source {_source_row(source)}", *_dry_run_lines(check)]
    if not source.enabled:
        lines.append(
            f"It is paused until the problem is fixed: `source test {source.id}`, "
            f"then `source resume {source.id}`."
        )
    else:
        lines.append(f"It will be polled every {every_text(source.interval_seconds)}.")
    return Reply(
        text="\n".join(lines),
        blocks=[section(escape(lines[0])), context([escape(line) for line in lines[1:]])],
    )


def render_source_test(check: SourceCheck) -> Reply:
    title = f"Dry run of {check.source.url} (nothing stored)"
    lines = [title, *_dry_run_lines(check, limit=5)]
    return Reply(text="\n".join(lines), blocks=[section(escape("\n".join(lines)))])


def render_source_changed(source: Source, what: str) -> Reply:
    message = f"{what} source {_source_row(source)}"
    return Reply(text=message, blocks=[section(escape(message))])


def render_source_removed(source: Source) -> Reply:
    message = f"Removed source #{source.id} {source.name}; its releases stay stored."
    return Reply(text=message, blocks=[section(escape(message))])


def render_new_release_alert(release: Release, source: Source) -> Reply:
    """One short post per new release for CDFBOT_ALERT_CHANNEL."""
    when = f" ({release.published.isoformat()})" if release.published else ""
    figures = f", {len(release.figures)} figures" if release.figures else ""
    text = f"New release from {source.name}: {release.title}{when}{figures} {release.url or ''}"
    mrkdwn = f"*New* from {escape(source.name)}: {link(release.url, release.title)}{when}{figures}"
    return Reply(text=text.strip(), blocks=[section(mrkdwn)], response_type="in_channel")


def render_more_releases_alert(count: int, source: Source) -> Reply:
    """The one line that stands for the new releases past a poll's alert cap."""
    noun = "release" if count == 1 else "releases"
    text = f"…and {count} more new {noun} from {source.name}"
    return Reply(text=text, blocks=[section(escape(text))], response_type="in_channel")


def render_failing_alert(source: Source) -> Reply:
    """Posted once when a source crosses the failure threshold."""
    text = (
        f"Source #{source.id} {source.name} is failing: {source.failures} polls in a row "
        f"failed (last error: {source.last_error}). It keeps being retried every few hours; "
        f"`/cdf source test {source.id}` checks it now."
    )
    return Reply(text=text, blocks=[section(escape(text))], response_type="in_channel")


def render_layout_alert(source: Source, change: str) -> Reply:
    """Posted once when a poll found a source's list again after a redesign."""
    text = (
        f"Source #{source.id} {source.name}: {change}. The new settings are saved and "
        f"polling goes on; `/cdf source test {source.id}` shows what it lists now."
    )
    return Reply(text=text, blocks=[section(escape(text))], response_type="in_channel")


def render_poll_summary(summary: PollSummary) -> str:
    """Plain text for ``cdfbot poll --once``: the headline, then one line per source."""
    lines = [summary.headline()]
    for outcome in sorted(summary.outcomes, key=lambda o: o.source.id or 0):
        source = outcome.source
        detail = outcome.status
        if outcome.parsed:
            detail += f", {outcome.listed} listed, {len(outcome.new_releases)} new"
            detail += f", {outcome.linked} linked" if outcome.linked else ""
        if outcome.layout_change:
            detail += f"; {outcome.layout_change}"
        if outcome.error:
            detail += f": {outcome.error}"
        lines.append(f"  #{source.id} {source.name} — {detail} ({outcome.seconds:.2f}s)")
        lines.extend(f"      + {r.title}" for r in outcome.new_releases)
    return "\n".join(lines)


def _next_poll(source: Source) -> str:
    """A new enabled source has no next-poll time yet: it is polled on the next cycle."""
    if not source.enabled:
        return "—"
    return _when(source.next_poll_at) if source.next_poll_at else "due now"


def render_error(message: str) -> Reply:
    """Our own message (with deliberate `code` formatting) that may echo user input:
    mentions are neutralised, formatting is kept."""
    return Reply(text=message, blocks=[section(escape_markup(message))])
