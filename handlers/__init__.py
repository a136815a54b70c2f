"""Slack listeners, one module per concern, each exposing ``register(app, services)``.

Handlers stay thin: they turn Slack payloads into calls on the shared use cases and
map the results back to Slack responses. New surfaces (App Home, buttons,
subscriptions) add a module here and an entry in :data:`HANDLER_MODULES`.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from slack_bolt import App

from handlers import actions, app_home, cdf_command

if TYPE_CHECKING:
    from bot.services import Services

HANDLER_MODULES: tuple[ModuleType, ...] = (cdf_command, app_home, actions)


def register_all(app: App, services: Services) -> None:
    """Register every handler module on ``app``, in :data:`HANDLER_MODULES` order."""
    for module in HANDLER_MODULES:
        module.register(app, services)
