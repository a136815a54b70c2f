from __future__ import annotations

import subprocess
import sys

import pytest

from bot.config import load_settings
from bot.errors import ConfigError


def test_defaults_select_console_and_sqlite() -> None:
    settings = load_settings(env_file=None)
    assert settings.mode == "console"
    assert settings.database_url.startswith("sqlite:///")
    assert settings.slack_api_url == "https://slack.com/api/"


def test_socket_mode_when_app_and_bot_tokens_are_set() -> None:
    settings = load_settings(env_file=None, SLACK_BOT_TOKEN="xoxb-1", SLACK_APP_TOKEN="xapp-1")
    assert settings.mode == "socket"


def test_http_mode_when_bot_token_and_signing_secret_are_set() -> None:
    settings = load_settings(env_file=None, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s")
    assert settings.mode == "http"


def test_api_url_gains_trailing_slash() -> None:
    settings = load_settings(env_file=None, SLACK_API_URL="http://127.0.0.1:9/api")
    assert settings.slack_api_url == "http://127.0.0.1:9/api/"


def test_http_host_defaults_to_every_interface_and_can_be_set() -> None:
    assert load_settings(env_file=None).host == "0.0.0.0"
    assert load_settings(env_file=None, HOST=" 127.0.0.1 ").host == "127.0.0.1"


def test_database_timeouts_have_defaults_and_can_be_set() -> None:
    defaults = load_settings(env_file=None)
    assert (defaults.db_statement_timeout, defaults.db_pool_timeout) == (15.0, 5.0)
    custom = load_settings(
        env_file=None, CDFBOT_DB_STATEMENT_TIMEOUT="2.5", CDFBOT_DB_POOL_TIMEOUT="1"
    )
    assert (custom.db_statement_timeout, custom.db_pool_timeout) == (2.5, 1.0)


def test_admins_are_split_on_commas() -> None:
    settings = load_settings(env_file=None, CDFBOT_ADMINS="U01, W02 ,")
    assert settings.admins == {"U01", "W02"}


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"PORT": "70000"}, "PORT"),
        ({"HOST": " "}, "HOST"),
        ({"CDFBOT_DB_STATEMENT_TIMEOUT": "0"}, "CDFBOT_DB_STATEMENT_TIMEOUT"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"SLACK_BOT_TOKEN": "xoxp-user", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
        ({"CDFBOT_ADMINS": "alice"}, "CDFBOT_ADMINS"),
        ({"CDFBOT_TIMEZONE": "Mars/Olympus"}, "CDFBOT_TIMEZONE"),
    ],
)
def test_bad_value_names_the_variable(overrides: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError, match=rf"^{variable}: "):
        load_settings(env_file=None, **overrides)


def test_cli_reports_bad_setting_in_one_line_with_status_2(tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PORT": "not-a-port", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "5g"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("cdfbot: configuration error: PORT:")
