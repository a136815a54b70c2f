"""Fixtures of the alert tests: the fake Slack Web API and the production poster on it."""

from tests.support.digest_data import fake_slack, slack_post

__all__ = ["fake_slack", "slack_post"]
