"""Slack as a face: the Bolt app, its HTTP and Socket Mode serving, and the poster.

- :mod:`bot.slack.app`: the Bolt :class:`~slack_bolt.App` with ``handlers/`` registered;
- :mod:`bot.slack.serve`: ``/slack/events`` and health endpoints (waitress), Socket Mode;
- :mod:`bot.slack.post`: a :data:`~bot.digest.delivery.Poster` over ``chat.postMessage``.
"""
