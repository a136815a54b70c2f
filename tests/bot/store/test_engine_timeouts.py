"""Every wait on the database has a deadline: statements, pool checkouts, dead peers."""

from __future__ import annotations

import time
from contextlib import ExitStack

import pytest
from sqlalchemy import text

from bot.errors import DatabaseError
from bot.store.engine import PG_TCP_USER_TIMEOUT_MS, make_engine, transaction


@pytest.mark.postgres
def test_a_statement_past_the_timeout_is_cancelled(postgres_url: str) -> None:
    engine = make_engine(postgres_url, statement_timeout=0.3)
    started = time.monotonic()
    with pytest.raises(DatabaseError), transaction(engine) as conn:
        conn.execute(text("SELECT pg_sleep(3)"))
    assert time.monotonic() - started < 2
    engine.dispose()


@pytest.mark.postgres
def test_the_timeout_keeps_the_urls_own_options(postgres_url: str) -> None:
    engine = make_engine(postgres_url, statement_timeout=1.5)
    with transaction(engine) as conn:
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "1500ms"
        assert conn.execute(text("SHOW search_path")).scalar().startswith("cdf_test_")
    engine.dispose()


@pytest.mark.postgres
def test_connections_use_tcp_keepalives(postgres_url: str) -> None:
    engine = make_engine(postgres_url)
    with engine.connect() as conn:
        dsn = conn.connection.dbapi_connection.info.dsn  # type: ignore[union-attr]
    assert "keepalives=1" in dsn and f"tcp_user_timeout={PG_TCP_USER_TIMEOUT_MS}" in dsn
    engine.dispose()


@pytest.mark.postgres
def test_a_checkout_from_an_exhausted_pool_gives_up(postgres_url: str) -> None:
    engine = make_engine(postgres_url, pool_timeout=0.3)
    with ExitStack() as held:
        for _ in range(engine.pool.size() + engine.pool._max_overflow):  # type: ignore[attr-defined]
            held.enter_context(engine.connect())
        started = time.monotonic()
        with pytest.raises(DatabaseError) as info, transaction(engine):
            pass
    assert info.value.unavailable
    assert time.monotonic() - started < 2
    engine.dispose()
