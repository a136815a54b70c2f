"""An indicator's history across periods: the newest figures of each of its latest periods.

Reading "the newest 200 figures" of a dense series covers one or two periods (a thousand
releases may restate 2023). History needs the opposite shape: few rows per period, many
periods. Two statements, both served by ``ix_figures_indicator_period``
(indicator, unit, period, release_date, release_id; migration 0004):

1. the latest ``max_periods`` distinct periods, by a recursive CTE that probes the index
   once per period ("the greatest period below the previous one"), a loose index scan:
   a window function over every figure of the indicator (``DENSE_RANK() OVER (ORDER BY
   period DESC)``) reads all of them, ~30 ms for 10,000 figures on SQLite, against
   ~0.1 ms for the probes;
2. per period, the newest ``FIGURES_PER_PERIOD`` figures (an index range read backwards,
   one ``UNION ALL`` branch per period), ranked with ``DENSE_RANK() OVER (PARTITION BY
   period ORDER BY release_date DESC, release_id DESC)`` so that whole releases are kept:
   the newest ``releases_per_period`` of them. The newest is the value; the older ones
   are what revision and conflict detection (:mod:`bot.lookup.history`) compare it with, and
   every statement of a kept release stays, so "most precise statement within a release"
   and "the change another statement of the release gives" still work.

Periods start with their year (``2023``, ``2023-Q3``, ``2023-01/2023-10``; see
:mod:`bot.extract.periods`), so text order is year order, and a period whose year is after
its release's year is a target, not a value: excluded here so targets never take a slot.
Figures without a period are read separately (the newest ``max_periods`` of them) and
only when their release gives no dated value of the indicator (a headline restating the
body). SQL is portable: recursive CTEs, window functions (SQLite ≥ 3.25), row values.
"""

from __future__ import annotations

import functools

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    String,
    bindparam,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql.expression import ScalarSelect

from bot.model import StoredFigure
from bot.store import mapping
from bot.store.releases import stored_figures_query
from bot.store.schema import figures

FIGURES_PER_PERIOD = 12
"""Figures read per period before ranking releases (a release may restate a period)."""


def figures_by_period(
    conn: Connection,
    indicator: str,
    unit: str | None,
    *,
    max_periods: int = 24,
    releases_per_period: int = 3,
) -> list[StoredFigure]:
    """Figures of the newest releases for each of the latest periods, newest release first.

    ``unit`` None reads every unit (callers that know the catalog unit should pass it).
    """
    periods = latest_periods(conn, indicator, unit, max_periods)
    params: dict[str, object] = {
        "indicator": indicator,
        "unit": unit,
        "undated": max_periods,
        "releases": releases_per_period,
        **{f"period_{k}": period for k, period in enumerate(periods)},
    }
    query = _figures_query(len(periods), unit is not None)
    rows = list(conn.execute(query, params).mappings())
    rows.sort(key=lambda row: row["position"])
    rows.sort(key=lambda row: (row["release_date"], row["release_id"]), reverse=True)
    return [mapping.stored_figure_from(row) for row in rows]


def latest_periods(conn: Connection, indicator: str, unit: str | None, limit: int) -> list[str]:
    """The indicator's ``limit`` greatest periods (targets excluded), greatest first."""
    if limit <= 0:
        return []
    query = _periods_query(unit is not None)
    return list(conn.scalars(query, {"indicator": indicator, "unit": unit, "limit": limit}))


# Statements are built once per shape (number of periods, unit or not) with bound
# parameters: building a dozen subqueries per lookup cost more than running them.


@functools.cache
def _periods_query(with_unit: bool) -> Select:
    anchor = select(_next_period(with_unit, None).label("period"), literal(1).label("n"))
    walk = anchor.cte("periods", recursive=True)
    step = select(
        _next_period(with_unit, walk.c.period).label("period"), (walk.c.n + 1).label("n")
    ).where(walk.c.period.is_not(None), walk.c.n < bindparam("limit"))
    walk = walk.union_all(step)
    return select(walk.c.period).where(walk.c.period.is_not(None)).order_by(walk.c.n)


@functools.cache
def _figures_query(periods: int, with_unit: bool) -> Select:
    branches = [
        _newest_in(with_unit, figures.c.period == bindparam(f"period_{k}")) for k in range(periods)
    ]
    branches.append(_undated(with_unit))
    candidates = union_all(*branches).subquery("candidates")
    rank = (
        func.dense_rank()
        .over(
            partition_by=candidates.c.period,
            order_by=(candidates.c.release_date.desc(), candidates.c.release_id.desc()),
        )
        .label("release_rank")
    )
    ranked = select(candidates.c.id, candidates.c.period, rank).subquery("ranked")
    kept = select(ranked.c.id).where(
        or_(ranked.c.release_rank <= bindparam("releases"), ranked.c.period.is_(None))
    )
    return stored_figures_query().where(figures.c.id.in_(kept))


def _series(with_unit: bool) -> list[ColumnElement[bool]]:
    conditions = [figures.c.indicator == bindparam("indicator")]
    if with_unit:
        conditions.append(figures.c.unit == bindparam("unit"))
    return conditions


def _not_target() -> ColumnElement[bool]:
    """The period's year is not after the release's (dates render as YYYY-MM-DD in both)."""
    release_year = func.substr(cast(figures.c.release_date, String), 1, 4)
    return func.substr(figures.c.period, 1, 4) <= release_year


def _next_period(with_unit: bool, below: ColumnElement[str] | None) -> ScalarSelect[str]:
    query = select(figures.c.period).where(
        *_series(with_unit), figures.c.period.is_not(None), _not_target()
    )
    if below is not None:
        query = query.where(figures.c.period < below)
    return query.order_by(figures.c.period.desc()).limit(1).scalar_subquery()


def _newest_in(with_unit: bool, where: ColumnElement[bool]) -> Select:
    """The newest figures matching ``where``: one backwards index range read."""
    query = (
        select(figures.c.id, figures.c.period, figures.c.release_date, figures.c.release_id)
        .where(*_series(with_unit), where)
        .order_by(figures.c.release_date.desc(), figures.c.release_id.desc())
        .limit(FIGURES_PER_PERIOD)
    )
    sub = query.subquery()
    return select(sub.c.id, sub.c.period, sub.c.release_date, sub.c.release_id)


def _undated(with_unit: bool) -> Select:
    """Figures without a period whose release states no dated (non-target) value."""
    sibling = figures.alias("sibling")
    dated = exists().where(
        sibling.c.release_id == figures.c.release_id,
        sibling.c.indicator == figures.c.indicator,
        sibling.c.period.is_not(None),
        func.substr(sibling.c.period, 1, 4)
        <= func.substr(cast(sibling.c.release_date, String), 1, 4),
        *([sibling.c.unit == bindparam("unit")] if with_unit else []),
    )
    query = (
        select(figures.c.id, figures.c.period, figures.c.release_date, figures.c.release_id)
        .where(*_series(with_unit), figures.c.period.is_(None), ~dated)
        .order_by(figures.c.release_date.desc(), figures.c.release_id.desc())
        .limit(bindparam("undated"))
    )
    sub = query.subquery()
    return select(sub.c.id, sub.c.period, sub.c.release_date, sub.c.release_id)
