"""The ``/cdf`` verbs that browse rather than look up one thing.

``latest [n]``, ``search WORDS``, ``commitments TOPIC``, ``indicators`` and ``help``: each
parses the words after its verb, asks the store once (indexed where the data is large, see
:mod:`bot.store.search`) and renders. The router (:mod:`bot.commands.router`) calls them
with ``(services, rest)``; nothing here knows who asked or through which face.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from bot.errors import CommandError
from bot.extract.catalog import load_catalog
from bot.render.browse import render_commitments, render_indicators, render_latest, render_search
from bot.render.help import render_help
from bot.render.reply import Reply

if TYPE_CHECKING:
    from bot.services import Services

LATEST_DEFAULT = 5
LATEST_MAX = 20
SEARCH_HITS = 8
COMMITMENT_HITS = 10


def latest(services: Services, rest: str) -> Reply:
    """``latest [n]``: the n most recently stored releases with their top figures."""
    arg = rest.strip()
    if arg and not arg.isdigit():
        raise CommandError("Usage: `/cdf latest [n]`, e.g. `/cdf latest 3` (at most 20).")
    count = min(int(arg), LATEST_MAX) if arg else LATEST_DEFAULT
    return render_latest(services.store.recent_releases(max(count, 1)))


def search(services: Services, rest: str) -> Reply:
    """``search WORDS``: full text over stored releases (titles and texts)."""
    words = " ".join(rest.split())
    if not words:
        raise CommandError("Usage: `/cdf search WORDS`, e.g. `/cdf search 数据要素` .")
    return render_search(words, services.store.search_release_text(words, limit=SEARCH_HITS))


def commitments(services: Services, rest: str) -> Reply:
    """``commitments TOPIC``: commitments by area (``data``) or keyword, with deadlines."""
    topic = " ".join(rest.split())
    if not topic:
        raise CommandError("Usage: `/cdf commitments TOPIC`, e.g. `/cdf commitments computing`.")
    found = services.store.commitments_about(topic, limit=COMMITMENT_HITS)
    return render_commitments(topic, found)


def indicators(services: Services, rest: str) -> Reply:
    """``indicators``: the catalog with each indicator's latest value (one probe each)."""
    catalog = load_catalog().all()
    units = {indicator.id: indicator.unit for indicator in catalog}
    return render_indicators(catalog, services.store.previous_values(units, date.max))


def help_(services: Services, rest: str) -> Reply:
    """``help``: every command with an example."""
    return render_help()
