"""The fake Slack Web API served from its own (spawned) process, for benchmarks.

:class:`~tests.support.fake_slack.FakeSlack` in the measured process would take the GIL
from the bot's web-server threads for every Web API call the bot makes (chart uploads,
``response_url`` posts), so its request handling would be measured as bot latency. In
production Slack is another machine; here it is at least another interpreter. The parent
talks to it over a pipe: its address, and how many calls it has recorded.
"""

from __future__ import annotations

from multiprocessing import get_context
from multiprocessing.connection import Connection
from typing import Any

from tests.support.fake_slack import API_PREFIX, RESPONSE_PREFIX, FakeSlack

START_TIMEOUT_SECONDS = 60


class FakeSlackProcess:
    """A context manager: ``base_url``/``response_url`` like FakeSlack, plus call counts."""

    def __init__(self) -> None:
        context = get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self.origin = ""

    def start(self) -> FakeSlackProcess:
        self._process.start()
        if not self._conn.poll(START_TIMEOUT_SECONDS):
            self._process.kill()
            raise RuntimeError("the fake Slack process did not start")
        self.origin = str(self._conn.recv())
        return self

    def close(self) -> None:
        if self._process.is_alive():
            self._conn.send(("close", None))
            self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.kill()
        self._conn.close()

    def __enter__(self) -> FakeSlackProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def base_url(self) -> str:
        return self.origin + API_PREFIX

    def response_url(self, key: str = "cmd") -> str:
        return f"{self.origin}{RESPONSE_PREFIX}{key}"

    def call_count(self, method: str | None = None) -> int:
        """Calls recorded so far (to ``method`` only, when given)."""
        return int(self._ask("count", method))

    def _ask(self, command: str, argument: Any) -> Any:
        self._conn.send((command, argument))
        return self._conn.recv()


def _serve(conn: Connection) -> None:
    with FakeSlack() as fake:
        conn.send(fake.origin)
        while True:
            try:
                command, argument = conn.recv()
            except EOFError:
                return
            if command == "close":
                return
            if command == "count":
                calls = fake.calls if argument is None else fake.calls_to(argument)
                conn.send(len(calls))
