"""Makes the shared ``http_server`` fixture available to the text-loading tests."""

from tests.support.http_server import http_server  # noqa: F401
