"""The server tests' world: a throwaway database with the test organisation and a real server process."""

from tests.server.conftest import world  # noqa: F401 - the fixture, shared
