"""``cdfbot db copy --to postgresql://…`` (issue 14, item 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main
from tests.bot.store.conftest import postgres_url  # noqa: F401 - the fixture

pytestmark = pytest.mark.postgres


def test_db_copy_moves_the_sqlite_database_and_verifies_the_counts(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cdfbot.sqlite3'}")
    assert main(["ask", "5g"]) == 0  # a first start: the sample releases are loaded
    assert main(["subscribe", "C0123ABCDEF"]) == 0
    capsys.readouterr()
    assert main(["db", "copy", "--to", postgres_url]) == 0
    out = capsys.readouterr().out
    assert "counts verified" in out
    assert "MISMATCH" not in out
    monkeypatch.setenv("DATABASE_URL", postgres_url)
    assert main(["subscriptions"]) == 0
    assert "C0123ABCDEF" in capsys.readouterr().out


def test_db_copy_into_a_filled_database_is_refused(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    postgres_url: str,  # noqa: F811
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cdfbot.sqlite3'}")
    assert main(["subscribe", "C0123ABCDEF"]) == 0
    assert main(["db", "copy", "--to", postgres_url]) == 0
    assert main(["db", "copy", "--to", postgres_url]) == 1
    assert "already has data" in capsys.readouterr().err
