"""Who counts as an admin: the bot's own check (Slack request signing is slack-bolt's)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bot.config import Settings, load_settings
from bot.services import CONSOLE_USER, Services, build_services
from bot.store.engine import transaction
from tests.bot.store.conftest import postgres_url  # noqa: F401 - the fixture


@pytest.fixture
def admins_settings(db_url: str) -> Settings:
    return load_settings(env_file=None, DATABASE_URL=db_url, CDFBOT_ADMINS="UADMIN1, UADMIN2")


def _services(settings: Settings) -> Services:
    return Services(settings=settings, store=None)  # type: ignore[arg-type]  # is_admin only


@pytest.mark.parametrize("user_id", ["UADMIN1", "UADMIN2"])
def test_listed_user_is_admin(admins_settings: Settings, user_id: str) -> None:
    assert _services(admins_settings).is_admin(user_id) is True


@pytest.mark.parametrize("user_id", ["UOTHER", "uadmin1", "UADMIN", "UADMIN1 ", ""])
def test_unlisted_user_is_not_admin(admins_settings: Settings, user_id: str) -> None:
    assert _services(admins_settings).is_admin(user_id) is False


def test_missing_user_is_not_admin(admins_settings: Settings) -> None:
    assert _services(admins_settings).is_admin(None) is False


def test_console_user_is_admin(admins_settings: Settings) -> None:
    assert _services(admins_settings).is_admin(CONSOLE_USER) is True


@pytest.mark.parametrize(("user_id", "admin"), [("UADMIN1", False), (CONSOLE_USER, True)])
def test_without_admins_only_the_console_is_admin(db_url: str, user_id: str, admin: bool) -> None:
    settings = load_settings(env_file=None, DATABASE_URL=db_url)
    assert _services(settings).is_admin(user_id) is admin


def test_built_services_hold_the_settings_and_an_open_store(settings: Settings) -> None:
    built = build_services(settings)
    try:
        assert built.settings is settings
        assert built.store.list_subscriptions() == []
    finally:
        built.close()


def test_built_store_opens_the_configured_database(settings: Settings, db_url: str) -> None:
    built = build_services(settings)
    built.close()
    assert Path(db_url.removeprefix("sqlite:///")).is_file()


def test_built_store_waits_for_a_pool_connection_as_configured(db_url: str) -> None:
    settings = load_settings(env_file=None, DATABASE_URL=db_url, CDFBOT_DB_POOL_TIMEOUT="2.5")
    built = build_services(settings)
    try:
        assert built.store.engine.pool.timeout() == 2.5
    finally:
        built.close()


@pytest.mark.postgres
def test_built_store_cancels_statements_as_configured(postgres_url: str) -> None:  # noqa: F811
    settings = load_settings(
        env_file=None, DATABASE_URL=postgres_url, CDFBOT_DB_STATEMENT_TIMEOUT="2.5"
    )
    built = build_services(settings)
    try:
        with transaction(built.store.engine) as conn:
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "2500ms"
    finally:
        built.close()
