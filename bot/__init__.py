"""cdf-digest-bot core: fetch → parse → extract → store → render; faces sit on top."""

__version__ = "0.1.0"
