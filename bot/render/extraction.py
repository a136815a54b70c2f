"""Human-readable text of one extraction, for ``cdfbot extract`` without ``--json``."""

from __future__ import annotations

from bot.model import Extraction
from bot.render.numbers import format_change, format_qualified


def extraction_text(extraction: Extraction) -> str:
    lines = [
        extraction.title or "(untitled)",
        f"published: {extraction.published or 'unknown'} · language: {extraction.language}",
        "",
        f"Summary: {extraction.summary}",
        "",
        f"Figures ({len(extraction.figures)}):",
    ]
    for figure in extraction.figures:
        value = format_qualified(figure.value, figure.unit, figure.qualifier)
        change = f" ({format_change(figure.change)})" if figure.change else ""
        indicator = f" [{figure.indicator}]" if figure.indicator else ""
        period = f" · {figure.period}" if figure.period else ""
        lines.append(f"  - {figure.subject}{indicator}: {value}{change}{period}")
    lines += ["", f"Commitments ({len(extraction.commitments)}):"]
    for commitment in extraction.commitments:
        extra = ", ".join(x for x in (commitment.area, commitment.deadline) if x)
        lines.append(f"  - {commitment.text}" + (f" [{extra}]" if extra else ""))
    return "\n".join(lines)
