"""Regenerate ``2021-cdrf-newsletter.pdf`` (a sample PDF release) with reportlab.

Run ``.venv/bin/python examples/build_sample_pdf.py``; reportlab is in the dev extra.
The text is wrapped across lines and two pages on purpose, like a real newsletter.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

PAGES = [
    [
        "CDRF Newsletter (sample) - Issue 12",
        "",
        "Digital infrastructure and the digital economy in 2021",
        "",
        "China had 1.425 million 5G base stations by the end of 2021, more",
        "than 60 percent of the world's total, according to official statistics",
        "discussed at a CDRF seminar held in Beijing on 18 March 2022.",
        "",
        "The digital economy reached 45.5 trillion yuan in 2021, up 16.2 percent",
        "year on year and equal to 39.8 percent of GDP.",
    ],
    [
        "Participants said the government will deepen reforms of data as a factor",
        "of production and will improve rules for cross-border data flows.",
        "",
        "Page 2",
    ],
]


def build(path: Path) -> None:
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("CDRF Newsletter (sample): Digital infrastructure in 2021")
    pdf.setCreator("cdf-digest-bot examples")
    for lines in PAGES:
        y = 800
        for line in lines:
            pdf.drawString(60, y, line)
            y -= 18
        pdf.showPage()
    pdf.save()


if __name__ == "__main__":
    build(Path(__file__).with_name("2021-cdrf-newsletter.pdf"))
