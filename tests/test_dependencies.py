"""Reproducible installs (issue 14, item 6): every third-party package the code imports is
declared directly in pyproject.toml, and both lock files pin every declared package with
hashes, so neither a resolver's quirk nor a transitive change can leave one out."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OWN = {"bot", "handlers", "jobs"}
LOCKS = ("requirements.txt", "requirements-dev.txt")


def _norm(name: str) -> str:
    """PEP 503 normalisation: lxml_html_clean, lxml-html-clean and LXML.HTML.Clean agree."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _name(requirement: str) -> str:
    return _norm(re.split(r"[\s<>=!~\[;]", requirement, maxsplit=1)[0])


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _declared() -> set[str]:
    return {_name(r) for r in _project()["dependencies"]}


def _imported_modules() -> set[str]:
    found: set[str] = set()
    for folder in OWN:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    found.add(node.module.split(".")[0])
    return found - OWN - set(sys.stdlib_module_names)


def _locked(lock: str) -> dict[str, str]:
    """name → the lines of its entry, for every pinned package of a lock file."""
    entries: dict[str, str] = {}
    text = (ROOT / lock).read_text(encoding="utf-8")
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9_.\-]+)==", block)
        if match:
            entries[_norm(match.group(1))] = block
    return entries


def test_every_imported_package_is_declared_directly() -> None:
    distributions = packages_distributions()
    missing = {
        module: distributions.get(module)
        for module in _imported_modules()
        if not ({_norm(d) for d in distributions.get(module, [module])} & _declared())
    }
    assert missing == {}


def test_lxml_html_clean_is_declared_directly() -> None:
    assert "lxml-html-clean" in _declared()


def test_license_is_an_spdx_string() -> None:
    assert _project()["license"] == "MIT"


def test_lock_files_pin_every_declared_package_with_hashes() -> None:
    extras = _project()["optional-dependencies"]
    wanted = {
        "requirements.txt": _declared() | {_name(r) for r in extras["postgres"]},
        "requirements-dev.txt": _declared() | {_name(r) for r in extras["dev"]},
    }
    for lock in LOCKS:
        entries = _locked(lock)
        assert wanted[lock] - set(entries) == set(), lock
        assert all("--hash=sha256:" in block for block in entries.values()), lock
