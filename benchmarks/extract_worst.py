"""Worst-case inputs for the extractor: does its cost grow linearly with the text?

Usage: ``.venv/bin/python benchmarks/extract_worst.py [--timeout SECONDS] [--skip-large]``

Each adversarial case (issue 13 §1) is timed at 10,000 and 100,000 characters through
``bot.extract.extract``; the 10k time is the baseline measured in the same run, so the
100k/10k ratio is ~10 for a linear stage and ~100 for a quadratic one. Then a single-line
15 MB text file and a single-line 15 MB HTML page go through the whole path
``load_document`` → ``extract`` (what ``cdfbot extract FILE`` runs), with time and peak RSS.
Every measurement runs in a fresh child process with a deadline, so a case that has gone
quadratic is reported as over the deadline instead of holding the run. Times are CPU
seconds of the child (the machine is shared), best of ``REPEATS`` runs for the small sizes.
Target: <= 1 s per 100,000 characters, and a ratio near 10.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = (10_000, 100_000)
LARGE_BYTES = 15_000_000
REPEATS = 3
TARGET_SECONDS_PER_100K = 1.0


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _soup(size: int) -> str:
    """Numbers and units with no words between them: every token is a figure candidate."""
    rng = random.Random(13)
    units = ["%", "亿元", "万个", " EFLOPS", " million", "个百分点", " percent", "万户", " ZB"]
    parts: list[str] = []
    length = 0
    while length < size:
        part = f"{rng.randint(1, 999)}.{rng.randint(0, 99)}{rng.choice(units)} "
        parts.append(part)
        length += len(part)
    return "".join(parts)[:size]


def _zh_unpunctuated(size: int) -> str:
    """Chinese statistics with the punctuation taken out: one sentence as long as the text."""
    unit = (
        "截至2024年底全国5G基站总数达425.1万个比上年末净增87.4万个网民规模达10.92亿人"
        "互联网普及率达77.5%电信业务收入累计完成1.74万亿元同比增长3.2%三千二百万户"
    )
    return _repeat(unit, size)


CASES = {
    "1亿万千百 repeated": lambda size: _repeat("1亿万千百", size),
    "1.1.1.… (dotted digits)": lambda size: _repeat("1.", size),
    "numbers-and-units soup": _soup,
    "Chinese numbers, no punctuation": _zh_unpunctuated,
}

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from bot.extract import extract
from bot.model import Document
mode, arg, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
best = None
if mode == "text":
    text = open(arg, encoding="utf-8").read()
    for _ in range(repeats):
        start = time.process_time()
        extract(Document(text=text, kind="txt"))
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
else:
    from bot.text.loader import load_document
    start = time.process_time()
    extract(load_document(arg))
    best = time.process_time() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({{"seconds": best, "rss": rss}}))
"""


def _run_child(mode: str, path: Path, repeats: int, timeout: float) -> dict[str, float] | None:
    code = _CHILD.format(root=str(ROOT))
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, mode, str(path), str(repeats)],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        print(exc.stderr[-2000:], file=sys.stderr)
        raise
    return json.loads(done.stdout.strip().splitlines()[-1])


def _shown(result: dict[str, float] | None, timeout: float) -> str:
    return f"> {timeout:.0f} s" if result is None else f"{result['seconds']:.3f} s"


def _large_inputs(folder: Path) -> list[tuple[str, Path]]:
    """A single-line 15 MB .txt and .html of release-like prose with figures."""
    sentence = (
        "By the end of 2024, China had 4.251 million 5G base stations, up 874,000 from a year "
        "earlier; 网民规模达10.92亿人，互联网普及率达77.5%。 "
    )
    per_char = len(sentence.encode("utf-8")) / len(sentence)  # Chinese takes 3 bytes
    body = _repeat(sentence, int(LARGE_BYTES / per_char))
    txt = folder / "single_line.txt"
    txt.write_text(body.replace("\n", " "), encoding="utf-8")
    html = folder / "single_line.html"
    html.write_text(
        "<html><head><title>Single line</title></head><body><article><p>"
        + body.replace("; ", "</p><p>")
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    return [("single-line .txt", txt), ("single-line .html", html)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0, help="per measurement, seconds")
    parser.add_argument("--skip-large", action="store_true", help="skip the 15 MB files")
    args = parser.parse_args()
    print(f"extractor worst cases: CPU seconds, best of {REPEATS}; target <= 1 s per 100k chars")
    print(f"{'case':34} {'10k':>10} {'100k':>10} {'ratio':>7}  meets target")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, make in CASES.items():
            results = []
            for size in SIZES:
                path = folder / f"case_{size}.txt"
                path.write_text(make(size), encoding="utf-8")
                results.append(_run_child("text", path, REPEATS, args.timeout))
            small, large = results
            ratio = (
                f"{large['seconds'] / small['seconds']:.1f}x"
                if small and large and small["seconds"] > 0
                else "n/a"
            )
            ok = large is not None and large["seconds"] <= TARGET_SECONDS_PER_100K
            failures += not ok
            print(
                f"{name:34} {_shown(small, args.timeout):>10} {_shown(large, args.timeout):>10} "
                f"{ratio:>7}  {'yes' if ok else 'NO'}"
            )
        if not args.skip_large:
            for name, path in _large_inputs(folder):
                size = path.stat().st_size
                result = _run_child("load", path, 1, args.timeout * 3)
                if result is None:
                    print(f"{name} ({size / 1e6:.0f} MB): > {args.timeout * 3:.0f} s")
                    failures += 1
                    continue
                print(
                    f"{name} ({size / 1e6:.0f} MB, load_document -> extract): "
                    f"{result['seconds']:.2f} s, peak RSS {result['rss'] / 2**20:.0f} MiB"
                )
    print("all cases meet the target" if not failures else f"{failures} case(s) miss the target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
