"""Table definitions: the single description of the database shape.

Why SQLAlchemy Core ``Table`` objects rather than ORM classes: every query in this package
maps rows straight onto the dataclasses of :mod:`bot.model`, so an identity map and lazy
loading would only add cost (1M-figure tables) and a second object model to keep in sync.

Time convention: every ``DateTime`` column holds **naive UTC**. :mod:`bot.store.timeutil`
converts on the way in (aware → UTC, naive assumed UTC) and out (naive → aware UTC), so
SQLite (no time zones) and PostgreSQL (``timestamp without time zone``) behave the same.

Alembic reads :data:`metadata` for autogenerate; the migrations under ``migrations/versions``
are the source of truth for the deployed schema and must be kept in step with this module
(``tests/bot/store/test_migrate.py`` checks that they agree).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Deterministic constraint names so later migrations can drop/alter them by name.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

DIGEST_STATUSES = ("claimed", "sent", "failed")
ALERT_STATUSES = ("pending", "claimed", "sent", "failed", "dropped")

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("url", Text, nullable=False, unique=True),
    Column("kind", String(32), nullable=False),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("interval_seconds", Integer, nullable=False, default=3600),
    Column("settings", JSON, nullable=False, default=dict),
    Column("note", Text),
    Column("created_at", DateTime, nullable=False),
    Column("last_success_at", DateTime),
    Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_poll_at", DateTime),
    Column("items_seen", Integer, nullable=False, default=0),
    # Conditional GET state, written by the fetcher later; not part of bot.model.Source.
    Column("etag", Text),
    Column("last_modified", Text),
    Column("body_hash", String(128)),
    # Poll lease (migration 0005): the process polling the source now, and until when; a
    # lease past its time is free again, so a dead replica's sources are taken over.
    Column("lease_owner", String(128)),
    Column("lease_until", DateTime),
)

releases = Table(
    "releases",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="SET NULL")),
    Column("url", Text),
    Column("canonical_url", Text, unique=True),
    Column("title", Text, nullable=False),
    Column("published", Date, index=True),
    Column("language", String(16), nullable=False),
    Column("content_hash", String(128), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("summary", Text, nullable=False, default=""),
    Column("fetched_at", DateTime, nullable=False, index=True),
    Column("parent_release_id", Integer, ForeignKey("releases.id", ondelete="SET NULL")),
    # 64-bit SimHash of the text (stored signed), for near-duplicates across sources:
    # see bot.text.simhash. NULL for releases stored before migration 0002 or too short.
    Column("simhash", BigInteger),
)

# Every source a release was seen on, with the URL it had there: the same story from the
# NDA and from Xinhua is one release with two rows here. ``canonical_url`` lets a poll ask
# "have I seen this item before?" without fetching it (see bot.store.links.known_urls).
release_sources = Table(
    "release_sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "release_id",
        Integer,
        ForeignKey("releases.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column(
        "source_id",
        Integer,
        ForeignKey("sources.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("url", Text, nullable=False),
    Column("canonical_url", Text, index=True),
    Column("first_seen", DateTime, nullable=False),
    UniqueConstraint("release_id", "source_id"),
)

figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "release_id",
        Integer,
        ForeignKey("releases.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("position", Integer, nullable=False),
    Column("subject", Text, nullable=False),
    # English label (migration 0008, bot.extract.labels); NULL for figures stored before it.
    Column("subject_en", Text),
    Column("indicator", String(128)),
    Column("value", Float, nullable=False),
    Column("unit", String(64), nullable=False),
    Column("qualifier", String(64)),
    Column("text", Text, nullable=False),
    Column("period", String(64)),
    Column("sentence", Text, nullable=False),
    Column("change_value", Float),
    Column("change_unit", String(64)),
    Column("change_basis", String(64)),
    # Denormalised copy of the release's published date (else its fetch date): lets
    # "history of an indicator, newest first" be one index range scan with no sort.
    Column("release_date", Date, nullable=False),
    # Serves both "figures with indicator X" and its newest-first history (leading column).
    Index("ix_figures_indicator_history", "indicator", "release_date", "release_id", "position"),
    # Newest figures per period (history across periods, migration 0004): the distinct
    # periods of an indicator in its unit, then the newest releases within one period.
    Index(
        "ix_figures_indicator_period", "indicator", "unit", "period", "release_date", "release_id"
    ),
)

commitments = Table(
    "commitments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "release_id",
        Integer,
        ForeignKey("releases.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("area", String(128)),
    Column("deadline", String(64)),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel_id", String(64), nullable=False, unique=True),
    Column("day_of_week", String(16), nullable=False),
    Column("hour", Integer, nullable=False),
    Column("minute", Integer, nullable=False),
    Column("timezone", String(64), nullable=False),
    Column("filters", JSON, nullable=False, default=dict),
    Column("created_by", String(64)),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
    Column("broken_reason", Text),
)

digests_sent = Table(
    "digests_sent",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "subscription_id",
        Integer,
        ForeignKey("subscriptions.id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("status", String(16), nullable=False),
    Column("claimed_at", DateTime, nullable=False),
    Column("sent_at", DateTime),
    Column("claimed_by", String(128), nullable=False),
    Column("message_ts", String(64)),
    Column("error", Text),
    UniqueConstraint("subscription_id", "period_start"),
    CheckConstraint("status IN ('claimed', 'sent', 'failed')", name="status"),
)

# Listed items a poll could not take yet (migration 0007, issue 13 §4): worked off by the
# next polls, oldest last, so a list longer than one poll's share — or a feed that drops an
# item before the bot got to it — loses nothing. ``position`` 0 is the newest; ``item`` is
# the listed entry (url, title, published, text…) as plain JSON.
source_backlog = Table(
    "source_backlog",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("canonical_url", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("item", JSON, nullable=False),
    Column("listed_at", DateTime, nullable=False),
    UniqueConstraint("source_id", "canonical_url"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(64), nullable=False),
    Column("target", Text, nullable=False),
    Column("before", JSON(none_as_null=True)),
    Column("after", JSON(none_as_null=True)),
)

# Indicator watches (migration 0006): who wants to hear when an indicator's value moves.
# ``unit`` and ``label`` are copied from the catalog when the watch is set, so the store can
# pick the watched figure of a release without reading the catalog (see bot.store.alert_queue).
watches = Table(
    "watches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("indicator", String(128), nullable=False, index=True),
    Column("unit", String(64), nullable=False),
    Column("label", Text, nullable=False),
    Column("target_kind", String(16), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("above", Float),
    Column("below", Float),
    Column("created_by", String(64)),
    Column("created_at", DateTime, nullable=False),
    Column("broken_reason", Text),
    UniqueConstraint("indicator", "target_id"),
    CheckConstraint("target_kind IN ('user', 'channel')", name="target_kind"),
)

# The alert outbox: one row per (watch, release), written in the transaction that stores
# the release; the unique key makes "queued twice" impossible and the status column makes
# "sent twice" impossible (claim → sent, as digests_sent does).
alert_outbox = Table(
    "alert_outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("watch_id", Integer, ForeignKey("watches.id", ondelete="CASCADE"), nullable=False),
    Column("release_id", Integer, ForeignKey("releases.id", ondelete="CASCADE"), nullable=False),
    Column("payload", JSON, nullable=False),
    Column("status", String(16), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("claimed_at", DateTime),
    Column("claimed_by", String(128)),
    Column("sent_at", DateTime),
    Column("message_ts", String(64)),
    Column("error", Text),
    UniqueConstraint("watch_id", "release_id"),
    CheckConstraint("status IN ('pending', 'claimed', 'sent', 'failed', 'dropped')", name="status"),
)

# Model-written text (migration 0009, bot.watch.enrich): one row per release asked about,
# so each release costs at most one call ("ok", "rejected" or "failed"); and the calls made
# per UTC day, so CDFBOT_LLM_DAILY_BUDGET holds across processes.
llm_results = Table(
    "llm_results",
    metadata,
    Column("release_id", Integer, ForeignKey("releases.id", ondelete="CASCADE"), primary_key=True),
    Column("status", String(16), nullable=False),
    Column("summary", Text),
    Column("labels", JSON),
    Column("reason", Text),
    Column("created_at", DateTime, nullable=False),
)

llm_usage = Table(
    "llm_usage",
    metadata,
    Column("day", Date, primary_key=True),
    Column("calls", Integer, nullable=False),
)
