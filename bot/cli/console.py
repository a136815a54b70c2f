"""The local console: the bot without Slack, like Errbot's Text backend or Hubot's shell.

Reads commands line by line (so piped input works), answers with the same
:func:`~bot.commands.router.route` that Slack uses and prints the plain-text
rendering; ends cleanly at end of input, ``quit`` or ``exit``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from bot.commands import CommandRequest, route
from bot.constants import CONSOLE_BANNER, CONSOLE_PROMPT, SLASH_COMMAND
from bot.lookup.answer import Answer
from bot.render.reply import Reply
from bot.services import CONSOLE_USER, Services

CONSOLE_CHANNEL = "console"
CHARTS_DIR = Path("charts")
EXPORTS_DIR = Path("exports")
_QUIT = {"quit", "exit", ":q"}


def command_text(line: str) -> str | None:
    """The ``/cdf`` argument text of a console line, or None when it is not a command."""
    line = line.strip()
    if line.startswith(SLASH_COMMAND):
        rest = line[len(SLASH_COMMAND) :]
        if not rest or rest[0].isspace():
            return rest.strip()
    if line.startswith("/"):
        return None
    return line


def run_console(
    services: Services, stdin: TextIO | None = None, stdout: TextIO | None = None
) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty()
    print(CONSOLE_BANNER, file=stdout)
    while True:
        if interactive:
            print(CONSOLE_PROMPT, end="", file=stdout, flush=True)
        line = stdin.readline()
        if not line:
            break
        if not line.strip():
            continue
        if line.strip().lower() in _QUIT:
            break
        text = command_text(line)
        if text is None:
            print(f"Only {SLASH_COMMAND} is known here, e.g. `{SLASH_COMMAND} 5g`.", file=stdout)
            continue
        request = CommandRequest(text=text, user_id=CONSOLE_USER, channel_id=CONSOLE_CHANNEL)
        routed = route(services, request)
        print(routed.reply.text, file=stdout, flush=True)
        if routed.answer is not None:
            _save_chart(routed.answer, stdout)
            _save_csv(services, routed.answer, stdout)
    if interactive:
        print(file=stdout)
    return 0


def _save_chart(answer: Answer, stdout: TextIO) -> None:
    """A lookup with ≥ 3 periods also gets its chart, saved to ./charts/<indicator>.png."""
    from bot.cli.charts import save_chart

    path = save_chart(answer, CHARTS_DIR)
    if path is not None:
        print(f"Chart: {path}", file=stdout, flush=True)


def _save_csv(services: Services, answer: Answer, stdout: TextIO) -> None:
    """``--csv`` saves the history to ./exports/<indicator>.csv (Slack uploads it to a DM)."""
    if not answer.csv:
        return
    from bot.cli.exports import save_history_csv

    path = save_history_csv(services, answer, EXPORTS_DIR)
    if path is not None:
        print(f"CSV: {path}", file=stdout, flush=True)


def console_poster(stdout: TextIO | None = None):
    """A poster (digests, indicator alerts, admin notices) that prints to the terminal
    instead of Slack, naming where Slack would have posted it."""

    def post(channel: str, reply: Reply, thread_ts: str | None = None) -> str:
        out = stdout or sys.stdout
        prefix = f"[→ {channel}{' (thread)' if thread_ts else ''}]"
        print(f"{prefix}\n{reply.text}", file=out, flush=True)
        return thread_ts or "console"

    return post
