"""One exception tree for the whole bot.

Faces (CLI, console, Slack handlers, jobs) catch :class:`CdfBotError` and show its
message to the person; anything else is a bug and is logged with its traceback.
"""

from __future__ import annotations


class CdfBotError(Exception):
    """Root of every error the bot raises on purpose; ``str(err)`` is fit for users."""


class ConfigError(CdfBotError):
    """A setting is missing, malformed or inconsistent with another one."""


class DocumentError(CdfBotError):
    """A file or URL could not be read or turned into text."""


class UnreadableDocumentError(DocumentError):
    """The file or page decoded to no readable text (binary junk, empty); nothing is stored.

    ``reason`` says which rule of :func:`bot.text.readable_problem` it failed, for logs."""

    def __init__(self, name: str, reason: str = "") -> None:
        super().__init__(f"no readable text in {name}")
        self.name = name
        self.reason = reason


class FetchError(DocumentError):
    """An HTTP fetch failed (network, status, size limit, refused address)."""


class BlockedURLError(FetchError):
    """The URL points at an address the SSRF guard refuses."""


class StorageError(CdfBotError):
    """The database refused an operation (constraint, connection, migration)."""


class DatabaseError(StorageError):
    """The database failed or refused a statement. ``str`` carries the driver's detail
    (host, port, SQL limits) for logs and the operator's CLI; a chat face shows a plain
    sentence with a reference instead (:mod:`bot.commands.failures`). ``unavailable`` is
    True when the server could not be reached or did not answer in time."""

    def __init__(self, detail: str, *, unavailable: bool) -> None:
        super().__init__(detail)
        self.unavailable = unavailable


class NotFoundError(CdfBotError):
    """A source, subscription or release with the given id does not exist."""


class CommandError(CdfBotError):
    """A ``/cdf`` or ``cdfbot`` command was malformed; the message says the right form."""


class PermissionDenied(CdfBotError):
    """A non-admin asked for an admin-only command."""
