"""Skips that are loud where they matter: on CI a missing service is a failure.

Tests that need PostgreSQL carry ``@pytest.mark.postgres`` and tests that need the shared
corpus (``../shared``) carry ``@pytest.mark.corpus``. Locally such a test is skipped with a
one-line reason when its service is missing. With ``CI=true`` (CI machines have both) the
same skip is reported as a failure instead (an error when a fixture skipped), whichever
fixture or mark asked for it, so a broken CI service cannot pass silently.
"""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

REQUIRED_ON_CI = ("postgres", "corpus")


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, None]:
    outcome = yield
    report: pytest.TestReport = outcome.get_result()
    needs = [name for name in REQUIRED_ON_CI if item.get_closest_marker(name)]
    if not (report.skipped and needs and on_ci()):
        return
    if hasattr(report, "wasxfail"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    reason = reason.removeprefix("Skipped: ")
    report.outcome = "failed"
    report.longrepr = f"CI=true requires {' and '.join(needs)}, but the test was skipped: {reason}"
