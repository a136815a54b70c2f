"""Makes the shared ``http_server`` fixture available to the fetch tests."""

from tests.support.http_server import http_server  # noqa: F401
