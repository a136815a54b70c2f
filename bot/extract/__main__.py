"""``python -m bot.extract FILE.txt``: contract JSON for a plain-text file (a debugging aid;
``cdfbot extract`` is the user-facing verb and also reads HTML, PDF and URLs)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bot.extract import extract
from bot.model import Document


def main(argv: list[str]) -> int:
    text = Path(argv[0]).read_text(encoding="utf-8")
    result = extract(Document(text=text, kind="txt"))
    print(json.dumps(result.to_contract(), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
