"""Fixtures of the scale-out tests: Redis here, PostgreSQL from tests/conftest.py."""
from tests.redis_server import redis_server, redis_url  # noqa: F401  (fixtures)
