"""The terminal faces: the ``cdfbot`` verbs, the local console and the mode runner."""

from bot.cli.main import main

__all__ = ["main"]
