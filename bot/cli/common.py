"""What every ``cdfbot`` verb shares: the acting user, settings and services, argument types.

Heavy modules are imported inside functions, so ``cdfbot extract`` (which the scorer runs
once per document) starts without loading Slack, SQLAlchemy or pydantic.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.services import Services

#: The user the CLI and the console act as (admin by construction: it runs on the host).
CLI_USER = "console"


def cli_settings() -> Settings:
    from bot.config import load_settings

    return load_settings()


def open_services(settings: Settings | None = None) -> Services:
    from bot.services import build_services

    return build_services(settings or cli_settings())


def is_url(target: str) -> bool:
    return target.startswith(("http://", "https://"))


def iso_date(text: str) -> date:
    """An argparse type: ``2024-11-18`` → a date, with a readable error otherwise."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2024-11-18") from None
