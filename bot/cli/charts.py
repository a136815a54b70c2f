"""Saving a lookup's chart as a PNG file, for the console and ``cdfbot ask --chart``."""

from __future__ import annotations

from pathlib import Path

from bot.lookup.answer import Answer


def save_chart(answer: Answer, target: Path) -> Path | None:
    """Write the answer's chart (≥ 3 periods) to ``target`` and return the file's path.

    ``target`` is a file path, or a folder (an existing one, or a path with no suffix)
    that gets ``<indicator>.png``. Returns None when the answer has too few periods.
    """
    from bot.render.chart import chart_for

    chart = chart_for(answer)
    if chart is None:
        return None
    path = target / chart.filename if target.is_dir() or not target.suffix else target
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(chart.png)
    return path
