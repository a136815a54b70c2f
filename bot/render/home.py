"""Render a :class:`~bot.lookup.home.HomeView` as the App Home tab's blocks.

A Home tab view holds at most 100 blocks (https://api.slack.com/reference/surfaces/views,
:data:`~bot.constants.MAX_BLOCKS_HOME_TAB`); each section is capped by
:mod:`bot.render.blocks`, lists are cut with "…and n more", and the whole view is cut at
the limit as a last resort. Everything a source supplies (titles, names, error messages)
goes through :func:`~bot.render.mrkdwn.escape` or :func:`~bot.render.mrkdwn.link`; the
admin section reuses :func:`bot.render.admin.render_source_list`, which does the same.
"""

from __future__ import annotations

from typing import Any

from bot.constants import MAX_BLOCKS_HOME_TAB
from bot.digest.build import Move
from bot.digest.filters import DigestFilters
from bot.digest.schedule import schedule_of
from bot.lookup.home import HomeView
from bot.model import Release, Subscription
from bot.render.admin import render_source_list
from bot.render.blocks import Block, context, divider, header, section
from bot.render.browse import render_latest
from bot.render.digest import period_label
from bot.render.mrkdwn import escape
from bot.render.numbers import format_change, format_value
from bot.render.subscriptions import describe_filters, next_digest, where

TITLE = "CDF digest bot"
MOVES_PER_SECTION = 10
MAX_MOVES = 30
MAX_SUBSCRIPTIONS = 10
NO_MOVES = "No tracked indicator got a new value this week."
NO_SUBSCRIPTIONS = (
    "You get no digest yet. `/cdf subscribe` in a DM with me sends one to you; "
    "in a channel, to that channel."
)


def render_home(view: HomeView) -> dict[str, Any]:
    """The ``view`` argument of ``views.publish``: a Home tab, at most 100 blocks."""
    blocks: list[Block] = [
        header(TITLE),
        context(
            [
                f"China digital-economy releases · updated {view.built_at:%Y-%m-%d %H:%M} UTC · "
                "`/cdf help` lists every command"
            ]
        ),
        divider(),
        *_releases(view.releases),
        divider(),
        *_moves(view),
        divider(),
        *_subscriptions(view),
    ]
    if view.sources is not None:
        blocks += [divider(), *_sources(view)]
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS_HOME_TAB]}


def _releases(releases: list[Release]) -> list[Block]:
    """The ``/cdf latest`` rendering, under a section title instead of its header."""
    title = section("*Latest releases*")
    if not releases:
        return [title, section(escape("No releases are stored yet."))]
    return [title, *render_latest(releases).blocks[1:]]


def _move(move: Move) -> str:
    name, new = move.indicator.name_en, move.new
    after = format_value(new.value, new.unit) + (f" ({new.period})" if new.period else "")
    if move.old is None:
        return f"• *{escape(name)}*: *{escape(after)}*, first value on record"
    old = move.old.figure
    before = format_value(old.value, old.unit) + (f" ({old.period})" if old.period else "")
    change = f" · {format_change(move.change)}" if move.change else ""
    return f"• *{escape(name)}*: {escape(before)} → *{escape(after)}*{escape(change)}"


def _moves(view: HomeView) -> list[Block]:
    start, end = view.week
    blocks = [section(f"*Indicators that moved this week* ({escape(period_label(start, end))})")]
    if not view.moved:
        return [*blocks, context([NO_MOVES])]
    lines = [_move(m) for m in view.moved[:MAX_MOVES]]
    if len(view.moved) > MAX_MOVES:
        lines.append(escape(f"…and {len(view.moved) - MAX_MOVES} more"))
    for offset in range(0, len(lines), MOVES_PER_SECTION):
        blocks.append(section("\n".join(lines[offset : offset + MOVES_PER_SECTION])))
    return blocks


def _subscription(sub: Subscription, view: HomeView) -> str:
    target = "you (DM)" if sub.channel_id == view.user_id else where(sub.channel_id, markup=True)
    detail = f"{schedule_of(sub).describe()} · next {next_digest(sub, view.built_at)}"
    detail += f" · {describe_filters(DigestFilters.from_dict(sub.filters))}"
    if sub.broken_reason:
        detail += f" · not delivered: {sub.broken_reason}"
    return f"• {target} — {escape(detail)}"


def _subscriptions(view: HomeView) -> list[Block]:
    title = section("*Your digest subscriptions*")
    if not view.subscriptions:
        return [title, context([NO_SUBSCRIPTIONS])]
    lines = [_subscription(s, view) for s in view.subscriptions[:MAX_SUBSCRIPTIONS]]
    if len(view.subscriptions) > MAX_SUBSCRIPTIONS:
        lines.append(escape(f"…and {len(view.subscriptions) - MAX_SUBSCRIPTIONS} more"))
    return [title, section("\n".join(lines))]


def _sources(view: HomeView) -> list[Block]:
    """Admins: the ``/cdf source list`` rendering (failing sources first)."""
    reply = render_source_list(view.sources or [], view.failure_threshold)
    return [*reply.blocks, context(["Admins only · `/cdf source test <id>` checks one now"])]
