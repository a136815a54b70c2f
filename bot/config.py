"""Typed, validated settings: the only module that reads the environment.

Every setting is listed in ``.env.example``. :func:`load_settings` turns a bad or
inconsistent value into a :class:`~bot.errors.ConfigError` whose message names the
variable, so the CLI can print one line and exit with status 2.
"""

from __future__ import annotations

import logging
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.errors import ConfigError

Mode = Literal["socket", "http", "console"]
DEFAULT_SLACK_API_URL = "https://slack.com/api/"
DEFAULT_DATABASE_URL = "sqlite:///data/cdfbot.sqlite3"
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class Settings(BaseSettings):
    """All configuration; field aliases are the environment variable names."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    slack_bot_token: str | None = Field(None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(DEFAULT_SLACK_API_URL, alias="SLACK_API_URL")
    database_url: str = Field(DEFAULT_DATABASE_URL, alias="DATABASE_URL")
    admins_raw: str = Field("", alias="CDFBOT_ADMINS")
    host: str = Field("0.0.0.0", alias="HOST", min_length=1)
    db_statement_timeout: float = Field(15.0, alias="CDFBOT_DB_STATEMENT_TIMEOUT", gt=0)
    db_pool_timeout: float = Field(5.0, alias="CDFBOT_DB_POOL_TIMEOUT", gt=0)
    port: int = Field(3000, alias="PORT", ge=1, le=65535)
    log_level: str = Field("INFO", alias="LOG_LEVEL")
    log_format: Literal["text", "json"] = Field("text", alias="LOG_FORMAT")
    metrics_port: int | None = Field(None, alias="CDFBOT_METRICS_PORT", ge=1, le=65535)
    timezone: str = Field("Asia/Shanghai", alias="CDFBOT_TIMEZONE")
    alert_channel: str | None = Field(None, alias="CDFBOT_ALERT_CHANNEL")
    allow_private_urls: bool = Field(False, alias="CDFBOT_ALLOW_PRIVATE_URLS")
    user_agent: str = Field(
        "cdf-digest-bot/0.1 (+https://github.com/cdf-digest-bot; policy research digest)",
        alias="CDFBOT_USER_AGENT",
    )
    http_timeout: float = Field(20.0, alias="CDFBOT_HTTP_TIMEOUT", gt=0, le=300)
    max_body_bytes: int = Field(20 * 1024 * 1024, alias="CDFBOT_MAX_BODY_BYTES", gt=0)
    load_examples: bool = Field(True, alias="CDFBOT_LOAD_EXAMPLES")
    poll_enabled: bool = Field(True, alias="CDFBOT_POLL_ENABLED")
    http_threads: int = Field(16, alias="CDFBOT_HTTP_THREADS", ge=1, le=256)
    poll_concurrency: int = Field(64, alias="CDFBOT_POLL_CONCURRENCY", ge=1, le=64)
    poll_failure_threshold: int = Field(5, alias="CDFBOT_POLL_FAILURE_THRESHOLD", ge=1, le=1000)
    poll_failing_retry_seconds: int = Field(
        6 * 3600, alias="CDFBOT_POLL_FAILING_RETRY_SECONDS", ge=300, le=7 * 24 * 3600
    )
    poll_source_timeout: float = Field(300.0, alias="CDFBOT_POLL_SOURCE_TIMEOUT", gt=0, le=3600)
    poll_lease_seconds: int = Field(900, alias="CDFBOT_POLL_LEASE_SECONDS", ge=60, le=24 * 3600)
    # Optional model-written text (bot.llm): off unless CDFBOT_LLM_URL is set.
    llm_url: str | None = Field(None, alias="CDFBOT_LLM_URL")
    llm_model: str = Field("gpt-4o-mini", alias="CDFBOT_LLM_MODEL", min_length=1)
    llm_api_key: str | None = Field(None, alias="CDFBOT_LLM_API_KEY", repr=False)
    llm_timeout: float = Field(30.0, alias="CDFBOT_LLM_TIMEOUT", gt=0, le=300)
    llm_daily_budget: int = Field(200, alias="CDFBOT_LLM_DAILY_BUDGET", ge=0)

    @field_validator("slack_bot_token", "slack_signing_secret", "slack_app_token", "alert_channel")
    @classmethod
    def _blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("slack_bot_token")
    @classmethod
    def _bot_token_shape(cls, value: str | None) -> str | None:
        if value and not value.startswith("xoxb-"):
            raise ValueError("must be a bot token starting with 'xoxb-'")
        return value

    @field_validator("slack_app_token")
    @classmethod
    def _app_token_shape(cls, value: str | None) -> str | None:
        if value and not value.startswith("xapp-"):
            raise ValueError("must be an app-level token starting with 'xapp-'")
        return value

    @field_validator("llm_url", "llm_api_key")
    @classmethod
    def _llm_blank_is_unset(cls, value: str | None) -> str | None:
        return value.strip() or None if value is not None else None

    @field_validator("llm_url")
    @classmethod
    def _llm_url_shape(cls, value: str | None) -> str | None:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError(
                "must be an http(s) chat-completions URL such as "
                "https://api.openai.com/v1/chat/completions"
            )
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        value = value.strip()
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL such as https://slack.com/api/")
        return value if value.endswith("/") else value + "/"

    @field_validator("host", mode="before")
    @classmethod
    def _host_trimmed(cls, value: object) -> object:
        """``HOST``: the address HTTP mode binds; 0.0.0.0 (every interface) by default,
        because container platforms route to the container's address; 127.0.0.1 behind a
        proxy on the same machine."""
        return value.strip() if isinstance(value, str) else value

    @field_validator("metrics_port", mode="before")
    @classmethod
    def _blank_port_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("log_format", mode="before")
    @classmethod
    def _log_format_any_case(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level")
    @classmethod
    def _log_level_known(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return level

    @field_validator("timezone")
    @classmethod
    def _timezone_known(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("must be an IANA time zone such as Asia/Shanghai") from None
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(
                "must be a SQLAlchemy URL such as sqlite:///data/cdfbot.sqlite3"
            ) from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise ValueError("only sqlite:// and postgresql:// URLs are supported")
        if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
            value = url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        return value

    @field_validator("admins_raw")
    @classmethod
    def _admins_shape(cls, value: str) -> str:
        for user_id in _split_ids(value):
            if not user_id.isalnum() or user_id[0] not in "UW":
                raise ValueError(f"'{user_id}' is not a Slack user ID (like U012ABCDEF)")
        return value

    @property
    def admins(self) -> frozenset[str]:
        return frozenset(_split_ids(self.admins_raw))

    @property
    def mode(self) -> Mode:
        """Socket Mode wins when its tokens are set, then HTTP mode, else the local console.

        Whether the tokens make sense *together* is checked by ``cdfbot run`` only
        (:func:`bot.cli.runner.resolve_mode`): a cron job that calls the Web API
        (``digest --send-due``) needs nothing but ``SLACK_BOT_TOKEN`` (issue 14, item 7)."""
        if self.slack_app_token and self.slack_bot_token:
            return "socket"
        if self.slack_bot_token and self.slack_signing_secret:
            return "http"
        return "console"


def _split_ids(raw: str) -> list[str]:
    return [part.strip() for part in raw.replace(";", ",").split(",") if part.strip()]


def load_settings(*, env_file: str | None = ".env", **overrides: object) -> Settings:
    """Read and validate the environment (and ``env_file``); raise ConfigError naming the
    variable. ``overrides`` use the variable names (``DATABASE_URL=…``), as tests do."""
    try:
        return Settings(_env_file=env_file, **overrides)  # type: ignore[call-arg]
    except ValidationError as exc:
        raise ConfigError(_describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    error = exc.errors()[0]
    names = {f.alias: f.alias for f in Settings.model_fields.values() if f.alias}
    by_field = {name: f.alias for name, f in Settings.model_fields.items()}
    loc = error.get("loc") or ()
    variable = None
    if loc:
        variable = names.get(str(loc[0])) or by_field.get(str(loc[0]))
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    if variable:
        return f"{variable}: {message}"
    return message


QUIET_LOGGERS = ("alembic", "apscheduler", "matplotlib")
"""Libraries whose INFO lines (each migration step, each job run) drown the bot's own."""


def configure_logging(settings: Settings) -> None:
    from bot.logs import configure

    configure(settings.log_level, settings.log_format)
    if settings.log_level != "DEBUG":
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
