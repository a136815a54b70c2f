"""The long-lived objects every face shares: settings and the store.

Built once per process by :func:`build_services`; faces receive it instead of
reaching for globals, so tests can build one on a temporary database.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import Settings
from bot.store import Store, open_store


@dataclass(slots=True)
class Services:
    settings: Settings
    store: Store

    def is_admin(self, user_id: str | None) -> bool:
        """Admins are the Slack user IDs in CDFBOT_ADMINS; the console user is 'console'."""
        return bool(user_id) and (user_id in self.settings.admins or user_id == CONSOLE_USER)

    def close(self) -> None:
        self.store.close()


CONSOLE_USER = "console"


def build_services(settings: Settings) -> Services:
    store = open_store(
        settings.database_url,
        statement_timeout=settings.db_statement_timeout,
        pool_timeout=settings.db_pool_timeout,
    )
    return Services(settings=settings, store=store)
