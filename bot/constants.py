"""Slack platform limits and every user-facing string, in one place.

Limits: https://api.slack.com/reference/block-kit/blocks and
https://api.slack.com/methods/chat.postMessage (see also ../shared/SLACK_NOTES.md).
"""

from __future__ import annotations

from typing import Final

# --- Slack platform limits -------------------------------------------------------------
ACK_DEADLINE_SECONDS: Final = 3
MAX_BLOCKS_PER_MESSAGE: Final = 50
MAX_BLOCKS_HOME_TAB: Final = 100
MAX_SECTION_TEXT: Final = 3000
MAX_HEADER_TEXT: Final = 150
MAX_CONTEXT_ELEMENTS: Final = 10
MAX_FIELDS: Final = 10
MAX_FIELD_TEXT: Final = 2000
MAX_MESSAGE_BLOCK_CHARS: Final = 12_000
MAX_FALLBACK_TEXT: Final = 40_000
RESPONSE_URL_MAX_POSTS: Final = 5
SIGNATURE_MAX_AGE_SECONDS: Final = 300
SLASH_COMMAND: Final = "/cdf"
EVENTS_PATH: Final = "/slack/events"
HEALTH_PATH: Final = "/healthz"
READY_PATH: Final = "/readyz"
METRICS_PATH: Final = "/metrics"

# --- User-facing strings ---------------------------------------------------------------
CONSOLE_BANNER: Final = (
    "cdf-digest-bot local console: no Slack tokens are set, so commands run here.\n"
    "Type `/cdf 5g`, `/cdf help` or `/cdf digest preview`; Ctrl-D or `quit` leaves."
)
CONSOLE_PROMPT: Final = "cdf> "
EXAMPLES_LOADED: Final = "Empty database: loaded {count} sample releases from {path}."
DEFAULT_SOURCES_ADDED: Final = (
    "No sources yet: added the {count} default sources (`/cdf source list` shows them)."
)
NOT_ADMIN: Final = (
    "Sorry, `/cdf {command}` is for admins only. Ask one of the admins listed in "
    "CDFBOT_ADMINS to do it for you."
)
UNKNOWN_QUERY: Final = "Nothing stored matches “{query}”. Try `/cdf help` for examples."
CHART_IN_DM: Final = "Chart sent to you in a DM. Add `--share` to post it in the channel."
CHART_SHARED: Final = "Chart coming up in this channel for everyone (`--share`)."
CSV_IN_DM: Final = "CSV of the whole history coming to you in a DM (UTF-8, opens in Excel)."
CSV_FAILED: Final = (
    "I couldn't open a DM with you to send the CSV; try `/cdf … --csv` in a DM with me."
)
CHART_DM_FAILED: Final = "I couldn't open a DM with you to send the chart ({comment})."
CHART_NOT_IN_CHANNEL: Final = (
    "I can't post the chart here because I'm not in this conversation ({comment}). "
    "Invite me with `/invite @cdf-digest-bot`, or ask in a DM with me."
)
NO_FIGURE: Final = "No figure matches “{query}”; the releases below mention it."
EMPTY_QUERY: Final = (
    "Tell me what to look up, e.g. `/cdf 5g` or `/cdf 网民`. `/cdf help` lists all."
)
EMPTY_DIGEST: Final = "No new releases between {start} and {end}."
HELP_TITLE: Final = "cdf-digest-bot — China digital-economy releases, figures and commitments"
HELP_LINES: Final = (
    # (usage, what it does, an example that works); bot/render/help.py shows all three.
    (
        "/cdf <indicator or words> [--source] [--share]",
        "latest value, change, history, sources; only you see the answer",
        "/cdf 5G基站",
    ),
    (
        "/cdf <indicator> --share",
        "charts (≥ 3 periods) come to you in a DM; --share posts it in the channel",
        "/cdf 5g --share",
    ),
    (
        "/cdf <indicator> --csv",
        "the whole history as a CSV file (UTF-8, opens in Excel), sent to you in a DM",
        "/cdf 5g --csv",
    ),
    ("/cdf <words>", "English, Chinese, typos and word order are fine", "/cdf netizns"),
    ("/cdf latest [n]", "the n newest releases with their top figures", "/cdf latest 3"),
    ("/cdf search WORDS", "full text over stored releases", "/cdf search 数据要素"),
    (
        "/cdf commitments TOPIC",
        "commitments by area or keyword, with deadlines",
        "/cdf commitments data",
    ),
    ("/cdf indicators", "every tracked indicator with its latest value", "/cdf indicators"),
    (
        "/cdf digest preview",
        "this channel's next digest so far, only to you",
        "/cdf digest preview",
    ),
    (
        "/cdf subscribe [#channel] [weekly DAY HH:MM ZONE]",
        "weekly digest here",
        "/cdf subscribe weekly mon 09:00 Asia/Shanghai",
    ),
    ("/cdf unsubscribe [#channel]", "stop the weekly digest", "/cdf unsubscribe"),
    ("/cdf subscriptions", "digests going to this channel (admins: all)", "/cdf subscriptions"),
    (
        "/cdf watch <indicator> [above|below VALUE] [#channel]",
        "a DM when the value moves (or crosses VALUE); a channel: admins",
        "/cdf watch 5g above 4.5 million",
    ),
    ("/cdf unwatch <indicator> [#channel]", "stop a watch", "/cdf unwatch 5g"),
    ("/cdf watches", "your watches and this channel's (admins: all)", "/cdf watches"),
    ("/cdf source list", "watched sources and their health (admins)", "/cdf source list"),
    (
        "/cdf source add <url> [--kind rss|html|json|pdf] [--name NAME] [--every 30m]",
        "watch a source (admins)",
        "/cdf source add https://www.nda.gov.cn/sjj/rss.xml",
    ),
    ("/cdf source test <url|id>", "dry run, stores nothing (admins)", "/cdf source test 3"),
    ("/cdf source pause|resume <id>", "stop or restart polling (admins)", "/cdf source pause 3"),
    (
        "/cdf source every <id> <interval>",
        "change how often it is polled (admins)",
        "/cdf source every 3 2h",
    ),
    ("/cdf source remove <id>", "stop watching a source (admins)", "/cdf source remove 3"),
    ("/cdf help", "this list", "/cdf help"),
)
INTERNAL_ERROR: Final = "Something went wrong on our side; the error is logged. Please try again."
INTERNAL_ERROR_REF: Final = (
    "Something went wrong on our side; the error is logged. Please try again "
    "(reference `{ref}` for an admin)."
)
DATABASE_UNAVAILABLE: Final = (
    "The database is not answering, so I cannot answer right now. Try again in a minute "
    "(reference `{ref}` for an admin)."
)
DATABASE_FAILED: Final = (
    "The database could not run this request; the details are logged "
    "(reference `{ref}` for an admin)."
)
MAX_COMMAND_CHARS: Final = 4000
"""Longest ``/cdf`` text accepted, in characters (after control characters are dropped)."""
MAX_QUERY_WORDS: Final = 12
"""Most words in a lookup, ``search`` or ``commitments`` query: an indicator name or a few
keywords, never a pasted paragraph (each word is a term in the SQL that finds releases)."""
COMMAND_TOO_LONG: Final = (
    "That is {chars:,} characters; `/cdf` takes at most {limit:,}. Ask for an indicator, "
    "e.g. `/cdf 5g`."
)
QUERY_TOO_MANY_WORDS: Final = (
    "That query has {words:,} words; a lookup takes at most {limit}. Name the indicator or "
    "a few keywords, e.g. `/cdf 5g base stations` or `/cdf search 数据要素`."
)

# --- Slack faces (bot/slack_app.py, bot/serve.py, handlers/) ---------------------------
SLACK_RATE_LIMIT_RETRIES: Final = 2
MAX_SLACK_REQUEST_BYTES: Final = 1024 * 1024
SLOW_ACK_WARNING_SECONDS: Final = 2.0
ACK_DEADLINE_SECONDS: Final = 2.5
"""A /cdf answered in the ack gives up waiting for the database after this long and says
so, inside Slack's 3-second acknowledgement window (bot/deadline.py)."""
WORKING_ON_IT: Final = "Working on `/cdf {command}`… the answer will appear here in a few seconds."
