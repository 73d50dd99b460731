"""Rate limits: per person on every channel, per client address on REST, shared through Redis.

Against the real channels on the stand-in assistant, started with small limits."""
import asyncio
import uuid

import pytest
import redis

from channels.rate_limit import NAMESPACE, Limits, RateLimiter
from core.texts import RATE_LIMITED_TEXT
from tests.servers import ScriptedServer, rest_turn


@pytest.fixture(scope="module")
def limited_server(fake_bot_api, tmp_path_factory):
    """3 messages a minute per person, 6 per address."""
    server = ScriptedServer(tmp_path_factory.mktemp("limited") / "server.log")
    server.start(fake_bot_api.url, RATE_LIMIT_PER_MINUTE="3", RATE_LIMIT_PER_IP_PER_MINUTE="6")
    yield server
    server.stop()


@pytest.mark.slow
def test_person_and_address_limits_give_the_kind_answer(limited_server):
    anna = f"anna-{uuid.uuid4().hex[:6]}"
    for n in range(3):
        status, texts = rest_turn(limited_server.url, {"sender": anna, "message": f"bericht {n}"})
        assert status == 200 and RATE_LIMITED_TEXT not in texts
    assert rest_turn(limited_server.url, {"sender": anna, "message": "nog een"}) == (429, [RATE_LIMITED_TEXT])

    # new sender ids do not help: the address has used 4 of its 6
    answers = [rest_turn(limited_server.url, {"sender": f"nieuw-{n}-{uuid.uuid4().hex}", "message": "hoi"})
               for n in range(3)]
    assert [status for status, _ in answers] == [200, 200, 429]
    assert answers[-1][1] == [RATE_LIMITED_TEXT]


def test_limits_from_the_environment():
    assert Limits.from_env({}) == Limits(30, 300)
    assert Limits.from_env({"RATE_LIMIT_PER_MINUTE": "0", "RATE_LIMIT_PER_IP_PER_MINUTE": "5"}) == Limits(0, 5)


def test_zero_switches_a_limit_off():
    limiter = RateLimiter(Limits(per_person=0, per_ip=1))

    async def scenario():
        return [await limiter.allow_person("rest:anna") for _ in range(100)]

    assert all(asyncio.run(scenario()))


def test_redis_counts_are_shared_between_servers_and_keys_are_hashed(redis_url):
    person = f"telegram:{uuid.uuid4().int % 10**10}"

    async def scenario():
        first, second = (RateLimiter(Limits(per_person=4), redis_url) for _ in range(2))
        return [await limiter.allow_person(person) for limiter in (first, second) * 3]

    assert asyncio.run(scenario()) == [True] * 4 + [False] * 2
    red = redis.Redis.from_url(redis_url)
    keys = red.keys(f"{NAMESPACE}*")
    assert len(keys) == 1 and person.split(":")[1].encode() not in keys[0]
    assert 0 < red.ttl(keys[0]) <= 60
