"""An indicator's history as a PNG line chart (matplotlib, non-interactive Agg backend).

matplotlib is imported inside :func:`render_chart` so commands that never chart (and the
3-second ``ack`` path) do not pay its ~0.5 s import; charts are drawn in a Bolt lazy
listener or the console, never before the acknowledgement
(https://api.slack.com/interactivity/slash-commands#responding_basic_receipt). The Agg
backend needs no display, so it works on servers and in threads.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass

from bot.lookup.answer import Answer
from bot.lookup.history import PeriodValue, period_key
from bot.render.numbers import format_value

MAX_POINTS = 24
_LOCK = threading.Lock()  # pyplot's global state is not thread-safe


@dataclass(frozen=True, slots=True)
class Chart:
    png: bytes
    filename: str
    title: str
    comment: str


def chart_for(
    answer: Answer, render: Callable[[str, list[PeriodValue]], bytes] | None = None
) -> Chart | None:
    """The chart of an indicator answer with ≥ 3 periods, else None.

    ``render`` defaults to :func:`render_chart` in this process; the Slack face passes one
    that draws in a worker process so the GIL stays free for acknowledgements.
    """
    if not answer.chartable or answer.indicator is None:
        return None
    points = sorted(answer.history[:MAX_POINTS], key=lambda v: period_key(v.period))
    indicator = answer.indicator
    zh = f" / {indicator.names_zh[0]}" if indicator.names_zh else ""
    first, last = points[0], points[-1]
    comment = (
        f"{indicator.name_en}{zh}: {_value(first)} ({first.period}) → "
        f"{_value(last)} ({last.period}), {len(points)} periods"
    )
    return Chart(
        png=(render or render_chart)(f"{indicator.name_en}{zh}", points),
        filename=f"{indicator.id}.png",
        title=f"{indicator.name_en} — {first.period} to {last.period}",
        comment=comment,
    )


def _value(point: PeriodValue) -> str:
    return format_value(point.figure.figure.value, point.figure.figure.unit)


def render_chart(title: str, points: list[PeriodValue]) -> bytes:
    """PNG bytes: values over periods, each point labelled in the bot's number format."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    labels = [p.period for p in points]
    values = [p.figure.figure.value for p in points]
    with _LOCK:
        figure = Figure(figsize=(7, 3.6), dpi=120)
        axes = figure.subplots()
        axes.plot(labels, values, marker="o", color="#1d6fa5", linewidth=2)
        for label, point in zip(labels, points, strict=True):
            axes.annotate(
                _value(point),
                (label, point.figure.figure.value),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
                fontsize=8,
            )
            if point.conflicts or point.revised:
                axes.plot([label], [point.figure.figure.value], marker="o", color="#c0392b")
        axes.set_title(_ascii_safe(title), fontsize=11)
        axes.yaxis.set_major_formatter(
            matplotlib.ticker.FuncFormatter(
                lambda y, _pos: format_value(y, points[-1].figure.figure.unit)
            )
        )
        axes.grid(axis="y", alpha=0.3)
        axes.margins(x=0.08, y=0.2)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _ascii_safe(title: str) -> str:
    """Drop CJK from the title when no installed font can draw it (no tofu boxes)."""
    from matplotlib import font_manager

    if title.isascii():
        return title
    names = {f.name for f in font_manager.fontManager.ttflist}
    if names & {"Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Zen Hei", "SimHei", "PingFang SC"}:
        return title
    return title.split(" / ")[0]
