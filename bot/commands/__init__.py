"""The ``/cdf`` router's public face: build a request, route it, show the reply.

- :mod:`bot.commands.request`: :class:`CommandRequest`, what every face hands in;
- :mod:`bot.commands.router`: verbs → use cases → rendered :class:`Routed` replies;
- :mod:`bot.commands.source_verbs`: ``/cdf source …`` (admins only).
"""

from bot.commands.request import CommandRequest
from bot.commands.router import Routed, handle_command, route

__all__ = ["CommandRequest", "Routed", "handle_command", "route"]
