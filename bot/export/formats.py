"""Writers for exported rows: CSV that Excel opens correctly, and JSON Lines for pandas.

Excel reads a CSV without a byte-order mark in the machine's legacy code page, so 工信部
becomes mojibake; with the UTF-8 BOM (``utf-8-sig``) it reads UTF-8. Numbers are written
with ``repr`` precision (4838000.0 stays exact), missing values as empty cells (CSV) or
``null`` (JSONL). ``pandas.read_csv(path)`` and ``pandas.read_json(path, lines=True)``
read them back as written.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TextIO

FORMATS = ("csv", "jsonl")
CSV_ENCODING = "utf-8-sig"


def write_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str], out: TextIO) -> int:
    """Header plus one line per row (``out`` opened with newline=""); returns the row count."""
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
        count += 1
    return count


def write_jsonl(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def csv_bytes(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> bytes:
    """The CSV file's bytes, BOM included (for an upload)."""
    buffer = io.StringIO(newline="")
    write_csv(rows, columns, buffer)
    return buffer.getvalue().encode(CSV_ENCODING)


def write_file(
    path: Path, rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str = "csv"
) -> int:
    """Write rows to ``path`` in ``fmt``; returns the row count."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        with path.open("w", encoding=CSV_ENCODING, newline="") as out:
            return write_csv(rows, columns, out)
    with path.open("w", encoding="utf-8") as out:
        return write_jsonl(rows, out)
