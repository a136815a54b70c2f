"""`make mutation`: mutmut over the safety-critical modules, one summary line per module.

mutmut (configured in [tool.mutmut] of pyproject.toml) copies the tree into ``mutants/``,
mutates the modules named there, and runs for each mutant only the listed tests that reach
the mutated function. This script starts from a clean ``mutants/`` (``--keep`` reuses the
cache of the last run), lists the surviving mutants, and ends with

    mutation <module path>: <killed>/<total> killed (<pct>%)

for each module. Killed counts mutants a test failed on or that timed out; total counts
every mutant, so mutants no test reaches count as survivors. Exit status 1 when a module is
under the target. Known equivalent survivors are explained in docs/mutation.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 90.0
KILLED = {1, 3, 36, 24, -24, 152, 255}  # mutmut exit codes: failed test, timeout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--keep", action="store_true", help="reuse mutants/ from the last run")
    parser.add_argument("--report", action="store_true", help="only report the last run")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    if not args.report:
        if not args.keep:
            shutil.rmtree("mutants", ignore_errors=True)
        mutmut = Path(sys.executable).with_name("mutmut")
        run = [str(mutmut), "run", "--max-children", str(args.max_children)]
        # mutmut draws a progress spinner, one line per frame; its last line is enough here.
        done = subprocess.run(run, capture_output=True, text=True)
        frames = [line.strip() for line in done.stdout.replace("\r", "\n").splitlines()]
        print(next((f for f in reversed(frames) if "🎉" in f), "mutmut printed no counts"))
        if done.returncode != 0:
            print(done.stderr[-4000:], file=sys.stderr)
            return done.returncode
    return report()


def report() -> int:
    config = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    lines, below = [], False
    for module in config["only_mutate"]:
        meta = Path("mutants") / f"{module}.meta"
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        survivors = sorted(k for k, code in codes.items() if code not in KILLED)
        for name in survivors:
            print(f"  survived: {name} (see: mutmut show {name})")
        killed, total = len(codes) - len(survivors), len(codes)
        pct = 100.0 * killed / total if total else 100.0
        below |= pct < TARGET
        lines.append(f"mutation {module}: {killed}/{total} killed ({pct:.1f}%)")
    print("\n".join(lines))
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
