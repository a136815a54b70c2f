"""Replies for indicator alerts and ``/cdf watch``, ``unwatch``, ``watches``.

An alert is one short message — "5G base stations: 4.838 million (2025), up from 4.251
million (2024) — <title> · `/cdf 5g base stations` for history" — in a section block with
its plain-text twin (https://api.slack.com/methods/chat.postMessage#text_usage). The
release title comes from the source, so it is escaped (:func:`bot.render.mrkdwn.link`).
Targets are shown with :func:`bot.render.subscriptions.where`, which pings nobody.
"""

from __future__ import annotations

from bot.constants import SLASH_COMMAND
from bot.model import Alert, Watch
from bot.render.blocks import section
from bot.render.mrkdwn import escape, link
from bot.render.numbers import format_qualified, format_value
from bot.render.reply import Reply
from bot.render.subscriptions import where


def alert_news(alert: Alert) -> str:
    """'4.838 million (2025), up from 4.251 million (2024)' or '… (2024), revised from …'."""
    data, unit = alert.payload, alert.payload["unit"]
    now = f"{format_qualified(data['value'], unit, data.get('qualifier'))} ({data['period']})"
    previous = data.get("previous")
    if data.get("revised") and previous:
        news = f"{now}, revised from {format_value(previous['value'], unit)}"
    elif previous:
        direction = _direction(data["value"], previous["value"])
        news = f"{now}, {direction} {format_value(previous['value'], unit)} ({previous['period']})"
    else:
        news = now
    for word in ("above", "below"):
        if data.get(word) is not None:
            news += f", {word} your threshold of {format_value(data[word], unit)}"
    return news


def render_alert(alert: Alert) -> Reply:
    label, news = alert.watch.label, alert_news(alert)
    history = f"`{SLASH_COMMAND} {alert.watch.label.lower()}` for history"
    url = f" {alert.release_url}" if alert.release_url else ""
    text = f"{label}: {news} — {alert.release_title}{url} · {history}"
    markup = (
        f"*{escape(label)}*: {escape(news)} — {link(alert.release_url, alert.release_title)}"
        f" · {history}"
    )
    return Reply(text=text, blocks=[section(markup)])


def render_broken_watch(watch: Watch, reason: str) -> Reply:
    """The one message admins get when a watch's target stops taking alerts."""
    text = "Alerts on {} for {} were not delivered: Slack said `{}`. The watch is paused."
    return Reply(
        text=text.format(watch.label, where(watch.target_id, markup=False), reason),
        blocks=[
            section(text.format(escape(watch.label), where(watch.target_id, markup=True), reason))
        ],
    )


def describe_watch(watch: Watch, *, markup: bool) -> str:
    label = escape(watch.label) if markup else watch.label
    parts = [f"{label} → {where(watch.target_id, markup=markup)}"]
    if watch.above is not None:
        parts.append(f"when above {format_value(watch.above, watch.unit)}")
    if watch.below is not None:
        parts.append(f"when below {format_value(watch.below, watch.unit)}")
    if watch.above is None and watch.below is None:
        parts.append("on every new value")
    if watch.broken_reason:
        parts.append(f"(paused: {watch.broken_reason})")
    return " ".join(parts)


def render_watch_set(watch: Watch) -> Reply:
    return _lines(
        "Watching " + describe_watch(watch, markup=False),
        "Watching " + describe_watch(watch, markup=True),
    )


def render_unwatched(watch: Watch) -> Reply:
    return _lines(
        "Stopped watching " + describe_watch(watch, markup=False),
        "Stopped watching " + describe_watch(watch, markup=True),
    )


def render_watch_list(watches: list[Watch]) -> Reply:
    if not watches:
        hint = f"No watches. Set one with `{SLASH_COMMAND} watch 5g` or `… above 4.5 million`."
        return _lines(hint, hint)
    plain = "\n".join(f"• {describe_watch(w, markup=False)}" for w in watches)
    marked = "\n".join(f"• {describe_watch(w, markup=True)}" for w in watches)
    return _lines(f"Watches:\n{plain}", f"*Watches*\n{marked}")


def _lines(text: str, markup: str) -> Reply:
    return Reply(text=text, blocks=[section(markup)])


def _direction(new: float, old: float) -> str:
    if new > old:
        return "up from"
    if new < old:
        return "down from"
    return "unchanged from"
