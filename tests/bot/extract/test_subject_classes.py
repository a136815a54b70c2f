"""Subjects that lean on context, units as written and explanations (sentences written here),
and the hard rule over every corpus: no figure is shown with a subject that cannot stand
alone (empty, a pronoun, 所占比重/增加值/规模 on its own, one bare English word unknown to
the catalog)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.extract import extract
from bot.extract.figures import find_figures
from bot.extract.naming import stands_alone
from bot.extract.quantities import scan
from bot.extract.segments import segment
from bot.model import Document, Figure

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[2].parent / "shared" / "corpus"
CORPORA = [
    HERE / "heldout",
    HERE / "heldout2",
    HERE / "heldout3",
    HERE / "heldout4",
    SHARED / "dev",
    SHARED / "dev2",
]


def figures(text: str, language: str = "en") -> list[Figure]:
    return find_figures(segment(text, language), language, published=None, title=None)


def subject_of(found: list[Figure], value: float) -> str:
    (figure,) = [f for f in found if f.value == value]
    return figure.subject


def test_share_in_an_enumeration_takes_its_owner() -> None:
    found = figures(
        "2024年,全省云计算业增加值为812亿元,所占比重为21.4%;大数据服务业增加值为406亿元,"
        "所占比重为10.7%。",
        "zh",
    )
    assert "大数据服务业" in subject_of(found, 10.7)
    assert "云计算业" in subject_of(found, 21.4)


def test_bare_head_after_an_industry_takes_the_industry() -> None:
    found = figures("其次是集成电路设计业,增加值为2210亿元,所占比重为18.2%。", "zh")
    assert "集成电路设计业" in subject_of(found, 2.21e11)
    found = figures("全省规模以上软件企业实现营业收入640亿元。", "zh")
    assert "软件企业" in subject_of(found, 6.4e10)


def test_this_and_its_name_what_they_point_back_to() -> None:
    found = figures(
        "Smart meters installed in the province numbered 3,400,000 by June 2025. "
        "This represents an increase of 410,000 over a year earlier."
    )
    assert "smart meters" in subject_of(found, 410000).lower()
    found = figures(
        "The cloud services sector grew quickly in 2024. Its revenue reached 1.2 trillion yuan."
    )
    assert "cloud services sector" in subject_of(found, 1.2e12).lower()


def test_unit_explanations_are_not_figures() -> None:
    found = figures("One petaflops means a thousand trillion operations, a 1 with 15 zeros.")
    assert found == []


@pytest.mark.parametrize(
    ("text", "value"),
    [("adds 120 petaflops", 1.2e17), ("达到280EFlops", 2.8e20), ("12000PFlops", 1.2e19)],
)
def test_flops_as_written(text: str, value: float) -> None:
    (quantity,) = scan(text)
    assert quantity.unit == "FLOPS" and quantity.value == value


def test_stands_alone() -> None:
    assert not stands_alone("所占比重", True, None)
    assert not stands_alone("This represents an increase", False, None)
    assert not stands_alone("zeros", False, None)
    assert stands_alone("netizens", False, "netizens")
    assert stands_alone("数字产品制造业所占比重", True, None)


@pytest.mark.corpus
@pytest.mark.parametrize("corpus", CORPORA, ids=lambda p: p.name)
def test_no_figure_subject_leans_on_missing_context(corpus: Path) -> None:
    if not corpus.is_dir():
        pytest.skip(f"no {corpus}")
    bad = []
    for path in sorted(corpus.glob("*.txt")):
        result = extract(Document(text=path.read_text(encoding="utf-8"), kind="txt"))
        zh = result.language == "zh"
        bad += [
            (path.name, f.subject)
            for f in result.figures
            if not stands_alone(f.subject, zh and not f.subject.isascii(), f.indicator)
        ]
    assert bad == []
