"""``cdfbot run``: pick the face (Socket Mode, HTTP mode or local console), load the
samples into an empty database, start the scheduler, serve until stopped."""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot import metrics
from bot.cli.stopping import GracefulStop
from bot.config import Mode, Settings, configure_logging
from bot.constants import DEFAULT_SOURCES_ADDED, EXAMPLES_LOADED
from bot.digest.delivery import Poster
from bot.errors import ConfigError
from bot.services import Services, build_services
from bot.watch.examples import load_examples_if_empty

log = logging.getLogger(__name__)
JOBS_STOP_SECONDS = 8.0
"""How long a stop waits for running jobs: within the 10 s of :mod:`bot.cli.stopping`."""


def check_tokens_agree(settings: Settings) -> None:
    """The Slack variables must name one serving mode. Only ``cdfbot run`` asks this: the
    verbs that merely call the Web API need ``SLACK_BOT_TOKEN`` alone (issue 14, item 7)."""
    if settings.slack_app_token and not settings.slack_bot_token:
        raise ConfigError(
            "SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is not: Socket Mode needs both"
        )
    if settings.slack_signing_secret and not settings.slack_bot_token:
        raise ConfigError(
            "SLACK_SIGNING_SECRET is set but SLACK_BOT_TOKEN is not: HTTP mode needs both"
        )
    if settings.slack_bot_token and not (settings.slack_app_token or settings.slack_signing_secret):
        raise ConfigError(
            "SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN (Socket Mode) "
            "nor SLACK_SIGNING_SECRET (HTTP mode) is"
        )


def resolve_mode(settings: Settings, requested: str) -> Mode:
    """'auto' follows the tokens, which must agree; an explicit mode must have the tokens
    it needs (``--mode console`` needs none)."""
    if requested == "auto":
        check_tokens_agree(settings)
        return settings.mode
    if requested == "socket" and not (settings.slack_app_token and settings.slack_bot_token):
        raise ConfigError("SLACK_APP_TOKEN: Socket Mode needs SLACK_APP_TOKEN and SLACK_BOT_TOKEN")
    if requested == "http" and not (settings.slack_bot_token and settings.slack_signing_secret):
        raise ConfigError(
            "SLACK_SIGNING_SECRET: HTTP mode needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"
        )
    return requested  # type: ignore[return-value]


def _first_start(services: Services) -> None:
    """An empty database gets the shipped default sources and, unless turned off, the
    sample releases, so a fresh install has something to answer and something to watch."""
    from bot.watch.source_admin import ensure_default_sources

    added = ensure_default_sources(services.store)
    if added:
        print(DEFAULT_SOURCES_ADDED.format(count=added), flush=True)
    if not services.settings.load_examples:
        return
    count, path = load_examples_if_empty(services.store)
    if count:
        print(EXAMPLES_LOADED.format(count=count, path=path), flush=True)


def run(settings: Settings, *, mode: str = "auto") -> int:
    """Serve until stopped; SIGTERM/SIGINT stop gracefully and return 0 (issue 14, item 4)."""
    configure_logging(settings)
    chosen = resolve_mode(settings, mode)
    stopper = GracefulStop().install()
    services = build_services(settings)
    try:
        _first_start(services)
        metrics.watch_source_health(services.store.list_sources, settings.poll_failure_threshold)
        return _serve(services, chosen, stopper)
    finally:
        services.close()
        stopper.uninstall()
        log.info("stopped")


def _start_jobs(services: Services, post: Poster) -> Callable[[], None]:
    """Start digests and polling in the background; returns the function that stops them:
    the poller starts no new source, the scheduler waits for the jobs running now."""
    from jobs.lifecycle import stop_scheduler, track_running
    from jobs.poll import add_poll_job
    from jobs.scheduler import build_scheduler

    scheduler = build_scheduler(services, post)
    poller = add_poll_job(scheduler, services, post) if services.settings.poll_enabled else None
    running = track_running(scheduler)
    scheduler.start()

    def stop() -> None:
        if poller is not None:
            poller.stop()
        if not stop_scheduler(scheduler, running, JOBS_STOP_SECONDS):
            log.warning("scheduler jobs still running after %s s", JOBS_STOP_SECONDS)
        if poller is not None:
            poller.close()

    return stop


def _serve(services: Services, mode: Mode, stopper: GracefulStop) -> int:
    """Serve in ``mode``; Socket Mode and the console expose ``/metrics`` on
    CDFBOT_METRICS_PORT when it is set (HTTP mode serves it on its own port)."""
    port = services.settings.metrics_port
    stop_metrics = metrics.serve_metrics(port) if port and mode != "http" else None
    try:
        return _serve_mode(services, mode, stopper)
    finally:
        if stop_metrics is not None:
            stop_metrics()


def _serve_mode(services: Services, mode: Mode, stopper: GracefulStop) -> int:
    if mode == "console":
        from bot.cli.console import console_poster, run_console

        stopper.interrupt = True
        stop = _start_jobs(services, console_poster())
        try:
            return run_console(services)
        except KeyboardInterrupt:
            return 0
        finally:
            stop()

    from bot.slack.app import build_web_client, create_app
    from bot.slack.post import slack_poster
    from bot.slack.reach import wait_for_slack

    client = build_web_client(services.settings)
    if not wait_for_slack(client, stopper.event):
        return 0
    app = create_app(services, client=client)
    stop = _start_jobs(services, slack_poster(app.client))
    try:
        if mode == "http":
            from bot.slack.serve import serve_http

            log.info("HTTP mode on port %s, path /slack/events", services.settings.port)
            serve_http(app, services.settings, stop=stopper.event, readiness=services.store.ping)
        else:
            from bot.slack.serve import serve_socket_mode

            log.info("Socket Mode: connecting to Slack")
            serve_socket_mode(app, services.settings, stop=stopper.event)
        # Lazy listeners (digest previews, charts) still running post their answers first.
        app.listener_runner.listener_executor.shutdown(wait=True)
    finally:
        stop()
    return 0
