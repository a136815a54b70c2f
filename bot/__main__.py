"""``python -m bot`` is ``cdfbot``."""

import sys

from bot.cli import main

sys.exit(main())
