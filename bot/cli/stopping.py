"""Graceful stop for ``cdfbot run`` (issue 14, item 4).

The first SIGTERM or SIGINT sets :attr:`GracefulStop.event`: the runner then stops
accepting (closes the listener or the socket), lets in-flight requests and the current
item of a poll finish, releases what it holds, stops the scheduler and returns, so the
process exits 0. A watchdog makes sure this takes at most :data:`STOP_DEADLINE_SECONDS`
(a supervisor such as Kubernetes sends SIGKILL after its own grace period, 30 s by
default): past it the process exits with status 1, saying so. A second signal exits at
once with the shell's convention, 128 + the signal number.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from types import FrameType

log = logging.getLogger(__name__)

STOP_DEADLINE_SECONDS = 10.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class GracefulStop:
    """Signal handlers that turn the first stop signal into an event.

    ``interrupt`` (the console) also raises KeyboardInterrupt in the main thread, the only
    way to leave a blocking ``input()``.
    """

    def __init__(self, *, deadline: float = STOP_DEADLINE_SECONDS) -> None:
        self.event = threading.Event()
        self.deadline = deadline
        self.interrupt = False
        self._previous: dict[int, object] = {}

    def install(self) -> GracefulStop:
        """Take over the stop signals (main thread only, as ``signal.signal`` requires)."""
        if threading.current_thread() is threading.main_thread():
            for signum in STOP_SIGNALS:
                self._previous[signum] = signal.signal(signum, self._on_signal)
        return self

    def uninstall(self) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        self._previous.clear()

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        name = signal.Signals(signum).name
        if self.event.is_set():
            log.warning("%s again: exiting at once", name)
            os._exit(128 + signum)
        log.info("%s: stopping (finishing in-flight work; a second signal exits at once)", name)
        self.event.set()
        watchdog = threading.Timer(self.deadline, self._overdue)
        watchdog.daemon = True
        watchdog.start()
        if self.interrupt:
            raise KeyboardInterrupt

    def _overdue(self) -> None:
        log.error("not stopped within %g s: exiting", self.deadline)
        logging.shutdown()
        os._exit(1)
