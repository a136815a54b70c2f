"""A missing PostgreSQL or corpus skips locally, fails under CI=true (support/ci_skips.py)."""

from __future__ import annotations

import pytest

CONFTEST = 'pytest_plugins = ["tests.support.ci_skips"]\n'
TESTS = """
import pytest

@pytest.fixture
def postgres_url():
    pytest.skip("no PostgreSQL server answers on 127.0.0.1:5432")

@pytest.mark.postgres
def test_needs_postgres(postgres_url):
    pass

@pytest.mark.corpus
@pytest.mark.skipif(True, reason="no ../shared corpus")
def test_needs_corpus():
    pass

@pytest.mark.corpus
def test_has_corpus():
    pass

def test_skips_for_another_reason():
    pytest.skip("not on this platform")
"""


@pytest.fixture
def sample(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeconftest(CONFTEST)
    pytester.makeini("[pytest]\nmarkers =\n    postgres: x\n    corpus: x\n")
    pytester.makepyfile(test_sample=TESTS)
    return pytester


def test_locally_missing_services_skip_with_their_reason(
    sample: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    result = sample.runpytest("-rs")
    result.assert_outcomes(passed=1, skipped=3)
    result.stdout.fnmatch_lines(["*no PostgreSQL server answers on 127.0.0.1:5432*"])


def test_on_ci_missing_services_fail(
    sample: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    result = sample.runpytest()
    result.assert_outcomes(passed=1, errors=2, skipped=1)
    assert result.ret == pytest.ExitCode.TESTS_FAILED


def test_on_ci_the_failure_names_the_service_and_the_reason(
    sample: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")
    result = sample.runpytest()
    result.stdout.fnmatch_lines(
        [
            "CI=true requires postgres, but the test was skipped: no PostgreSQL server answers*",
            "CI=true requires corpus, but the test was skipped: no ../shared corpus",
        ],
        consecutive=False,
    )


@pytest.mark.parametrize("value", ["false", "", "1"])
def test_only_ci_true_turns_skips_into_failures(
    sample: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("CI", value)
    sample.runpytest().assert_outcomes(passed=1, skipped=3)
