"""The Redis lock store: hashed keys in their own namespace, atomic ticket bookkeeping, tickets
that outlive an action call, and an event loop that never waits on Redis."""
import asyncio
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT

from components.lock_store import EnvLockStore


@pytest.fixture
def stores(redis_url, monkeypatch):
    """Two lock stores on one Redis, like two Rasa servers."""
    monkeypatch.setenv("REDIS_URL", redis_url)
    return EnvLockStore(), EnvLockStore()


def test_keys_are_namespaced_and_hashed(stores, redis_url):
    chat = f"{uuid.uuid4().int % 10**10}"
    stores[0].issue_ticket(f"telegram:{chat}")
    red = redis.Redis.from_url(redis_url)
    keys = [key.decode() for key in red.keys("*")]
    assert keys and all(key.startswith("reflectie:lock:") for key in keys)
    stored = b"".join([*red.keys("*"), *(red.get(key) or b"" for key in red.keys("*"))])
    assert chat.encode() not in stored and b"telegram" not in stored
    assert stores[1].get_lock(f"telegram:{chat}").conversation_id == f"telegram:{chat}"


def test_simultaneous_tickets_from_two_servers_are_all_different(stores):
    conversation = f"rest:{uuid.uuid4().hex}"
    jobs = [stores[n % 2] for n in range(40)]
    with ThreadPoolExecutor(8) as pool:
        tickets = list(pool.map(lambda store: store.issue_ticket(conversation), jobs))
    assert sorted(tickets) == list(range(40))


def test_a_ticket_outlives_the_action_server_timeout(stores):
    conversation = f"rest:{uuid.uuid4().hex}"
    stores[0].issue_ticket(conversation, lock_lifetime=60)
    [ticket] = stores[1].get_lock(conversation).tickets
    assert ticket.expires >= time.time() + DEFAULT_REQUEST_TIMEOUT


def test_lock_serves_turns_in_order_without_blocking_the_loop(stores):
    """Redis calls happen in worker threads; a waiting turn only sleeps on the loop."""
    conversation = f"webchat:{uuid.uuid4().hex}"
    threads = set()
    red = stores[0].store.red
    original = red.execute_command

    def recording(*args, **kwargs):
        threads.add(threading.get_ident())
        return original(*args, **kwargs)

    red.execute_command = recording
    order = []

    async def turn(name, store, hold):
        async with store.lock(conversation, wait_time_in_seconds=0.05):
            order.append(f"{name} in")
            await asyncio.sleep(hold)
            order.append(f"{name} out")

    async def scenario():
        first = asyncio.ensure_future(turn("a", stores[0], 0.5))
        await asyncio.sleep(0.1)
        await asyncio.gather(first, turn("b", stores[1], 0), turn("c", stores[0], 0))
        return threading.get_ident()

    loop_thread = asyncio.run(scenario())
    assert order[:2] == ["a in", "a out"] and len(order) == 6
    assert threads and loop_thread not in threads
    assert stores[0].get_lock(conversation) is None  # cleaned up


def test_in_process_lock_store_serves_turns_too(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    store = EnvLockStore()

    async def scenario():
        async with store.lock("rest:anna") as lock:
            assert lock.conversation_id == "rest:anna"
        async with store.lock("rest:anna"):
            pass

    asyncio.run(scenario())
    assert store.get_lock("rest:anna") is None
