"""Scale-out configuration: the lock store follows REDIS_URL, and one endpoints file takes the
action server from the environment (docker-compose.yml: tests/structure/test_images.py)."""
import uuid

import pytest
import yaml
from rasa.core.lock_store import InMemoryLockStore, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from components.lock_store import EnvLockStore, create_lock_store, redis_kwargs
from testkit.paths import ROOT


def test_without_redis_url_locks_stay_in_process(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    store = LockStore.create(EndpointConfig(type="components.lock_store.EnvLockStore"))
    assert isinstance(store, EnvLockStore) and isinstance(store.store, InMemoryLockStore)


def test_redis_url_is_parsed():
    assert redis_kwargs("rediss://user:p%40ss@cache.example:6380/3") == {
        "host": "cache.example", "port": 6380, "db": 3, "username": "user",
        "password": "p@ss", "use_ssl": True}
    assert redis_kwargs("redis://redis") == {"host": "redis", "port": 6379}
    with pytest.raises(ValueError):
        redis_kwargs("http://redis:6379")


def test_redis_url_selects_redis_and_endpoint_keys_win():
    store = create_lock_store(EndpointConfig(key_prefix="reflectie"),
                              env={"REDIS_URL": "redis://127.0.0.1:1/2"})
    assert isinstance(store, RedisLockStore)
    assert store.key_prefix.startswith("reflectie:")


def test_locks_live_in_redis(redis_url, monkeypatch):
    monkeypatch.setenv("REDIS_URL", redis_url)
    first, second = EnvLockStore(), EnvLockStore()  # like two Rasa servers
    conversation = f"c-{uuid.uuid4().hex}"
    ticket = first.issue_ticket(conversation)
    assert second.get_lock(conversation).last_issued == ticket
    assert second.issue_ticket(conversation) == ticket + 1  # waits behind the first server
    second.delete_lock(conversation)
    assert first.get_lock(conversation) is None


def _load(path):
    return yaml.safe_load((ROOT / path).read_text())


def test_one_endpoints_file_takes_the_action_server_and_its_secret_from_the_environment():
    endpoints = _load("endpoints.yml")
    assert endpoints["action_endpoint"] == {
        "url": "${ACTION_SERVER_URL}", "headers": {"X-Action-Token": "${ACTION_SERVER_TOKEN}"}}
    assert endpoints["lock_store"]["type"] == "components.lock_store.EnvLockStore"

