"""The value an indicator had before a digest's week, for "Indicators that moved".

One indexed lookup per indicator (``ix_figures_indicator_history`` read backwards from the
week's first day, ``LIMIT 1``) rather than one query over every indicator's history: a
week moves a few dozen catalogued indicators, while their history may hold millions of
figures, so N tiny index probes beat one large scan and sort.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from sqlalchemy import Connection

from bot.model import StoredFigure
from bot.store import mapping
from bot.store.releases import stored_figures_query
from bot.store.schema import figures


def previous_values(
    conn: Connection, units_by_indicator: Mapping[str, str], before: date
) -> dict[str, StoredFigure]:
    """Newest figure dated before ``before`` for each indicator, in the indicator's unit.

    The unit condition keeps shares ("5G base stations: 33.6% of all stations") from
    standing in for the count the indicator tracks; within the newest release a value
    with a period wins over a headline's rounded one.
    """
    found: dict[str, StoredFigure] = {}
    for indicator, unit in units_by_indicator.items():
        query = (
            stored_figures_query()
            .where(
                figures.c.indicator == indicator,
                figures.c.unit == unit,
                figures.c.release_date < before,
            )
            .order_by(
                figures.c.release_date.desc(),
                figures.c.release_id.desc(),
                figures.c.period.is_(None),
                figures.c.position,
            )
            .limit(1)
        )
        row = conn.execute(query).mappings().first()
        if row is not None:
            found[indicator] = mapping.stored_figure_from(row)
    return found
