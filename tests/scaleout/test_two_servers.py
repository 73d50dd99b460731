"""Two Rasa servers behind one conversation: PostgreSQL tracker store, Redis lock store,
one action server, the reflection log in PostgreSQL, all on loopback (docker-compose.yml).

Turns alternate between the servers: slots, the active form and the stored reflections
carry over, and no event is lost or stored twice. Faults: with the action server down the
person gets a kind message (HTTP 200, not silence) and the next turn after it is back is
answered normally; a Rasa server killed mid-conversation leaves the other one to go on.
"""
import concurrent.futures
import json
import uuid
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from core.identity import sender_key
from core.keys import load_keys
from core.settings import Settings
from core.texts import TURN_FAILED_TEXT
from store.repository import ReflectionStore
from store.tracker_events import TrackerCipher
from testkit.ports import wait_until
from testkit.services import ActionServer
from testkit.web import request
from tests.scaleout.cluster import credentials_for_test, say, service_env, start_rasa, tracker

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

SHARING = "Ik voel me eenzaam sinds mijn zus naar Gent verhuisd is, ik mis haar echt"
SAMENHANG = '/start_exercise{"exercise": "samenhang"}'
ANSWERS = [
    "Mijn moeder is ziek en er komt veel op me af.",
    "Ja, dat kan ik wel uitleggen aan anderen.",
    "Nee, ik heb er eigenlijk geen invloed op.",
    "Ja, zij is het zeker waard.",
    "Ik denk dat ik er nog even over wil nadenken.",  # the answer to the closing question
]


@pytest.fixture(scope="module")
def cluster(postgres_cluster, redis_url, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("scaleout")
    tracker_url = postgres_cluster.create_database()
    reflection_url = postgres_cluster.create_database()
    actions = ActionServer(workdir / "actions.log")  # its URL goes into every server's environment
    env = service_env(tracker_url, reflection_url, redis_url, actions.webhook_url, workdir)
    actions.launch(env)
    credentials = credentials_for_test(workdir)
    servers = [start_rasa(name, env, credentials, workdir) for name in ("rasa-a", "rasa-b")]
    running = {"a": servers[0], "b": servers[1], "actions": actions, "env": env,
               "tracker_url": tracker_url}
    try:
        actions.wait(timeout=120)
        for server in servers:
            server.wait(timeout=300)
        yield running
    finally:
        for service in (running["a"], running["b"], running["actions"]):
            service.stop()


@pytest.fixture(scope="module")
def store(cluster):
    settings = Settings.from_env(cluster["env"])
    made = ReflectionStore(settings.db_url, load_keys(settings, cluster["env"]),
                           spool_dir=settings.spool_dir)
    yield made
    made.engine.dispose()


@pytest.fixture(scope="module")
def events_db(cluster):
    """The shared tracker table, and the keys that read it."""
    engine = sa.create_engine(cluster["tracker_url"], future=True)
    settings = Settings.from_env(cluster["env"])
    yield SimpleNamespace(engine=engine, cipher=TrackerCipher(load_keys(settings, cluster["env"])))
    engine.dispose()


def texts(messages):
    return "\n".join(m.get("text") or "" for m in messages)


def user_events(db, sender):
    """The stored events of REST sender ``sender``, decrypted (``data`` as JSON text)."""
    with db.engine.connect() as connection:
        rows = connection.execute(sa.text(
            "select type_name, timestamp, data from events where sender_id = :s order by id"
        ), {"s": db.cipher.stored_id(sender_key("rest", sender))}).all()
    return [SimpleNamespace(type_name=r.type_name, timestamp=r.timestamp,
                            data=json.dumps(db.cipher.open(r.data), sort_keys=True)) for r in rows]


def assert_no_duplicates(rows):
    keys = [(r.type_name, r.timestamp, r.data) for r in rows]
    assert len(keys) == len(set(keys)), "an event was stored twice"


def test_turns_alternate_between_servers_and_state_carries_over(cluster, store, events_db):
    a, b = cluster["a"], cluster["b"]
    sender = f"scale-{uuid.uuid4().hex[:10]}"
    turns = ["hallo", SHARING, SAMENHANG, *ANSWERS]
    servers = [a, b] * len(turns)
    replies = []
    for turn, (text, server) in enumerate(zip(turns, servers, strict=False)):
        answer = say(server, sender, text)
        assert answer, f"no answer to {text!r} from {server.name}"
        replies.append(texts(answer))
        if turn == 4:  # mid-form, after the first answer on the other server
            state = tracker(a if server is b else b, sender)
            assert state["active_loop"].get("name") == "reflection_form"
            assert state["slots"]["exercise"] == "samenhang"
            assert state["slots"]["antwoord_1"] == ANSWERS[0]
    assert any(word in replies[1].lower() for word in ("eenzaam", "zus", "mis")), replies[1]
    final = tracker(a, sender)
    assert not final["active_loop"].get("name"), final["active_loop"]
    kept = [r.text for r in store.all_reflections("rest", sender)]
    assert any("zus" in t for t in kept), kept
    for answer in ANSWERS:
        assert kept.count(answer) == 1, (answer, kept)
    rows = user_events(events_db, sender)
    assert [r for r in rows if r.type_name == "user"].__len__() == len(turns)
    assert_no_duplicates(rows)
    assert tracker(b, sender)["events"] == final["events"]


def test_simultaneous_turns_on_both_servers_are_serialised(cluster, events_db):
    a, b = cluster["a"], cluster["b"]
    sender = f"lock-{uuid.uuid4().hex[:10]}"
    say(a, sender, "hallo")
    messages = ["Ik voel me alleen op mijn werk", "Niemand vraagt hoe het met me gaat"]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda job: say(*job), [(a, sender, messages[0]),
                                                        (b, sender, messages[1])]))
    assert all(answers), answers
    rows = user_events(events_db, sender)
    user_texts = [r.data for r in rows if r.type_name == "user"]
    assert len(user_texts) == 3
    assert all(any(m in d for d in user_texts) for m in messages)
    assert_no_duplicates(rows)
    # Each turn saw the other's events: the tracker holds both turns in one order.
    events = tracker(b, sender)["events"]
    said = [e["text"] for e in events if e["event"] == "user"]
    assert said[0] == "hallo" and sorted(said[1:]) == sorted(messages)


def test_action_server_down_gives_a_kind_message_and_recovers(cluster):
    a, b, actions = cluster["a"], cluster["b"], cluster["actions"]
    sender = f"fault-{uuid.uuid4().hex[:10]}"
    assert say(a, sender, "hallo")
    actions.stop()
    try:
        for server in (a, b):
            answer = say(server, sender, SHARING)
            assert TURN_FAILED_TEXT in texts(answer), answer
        assert "113" in texts(say(a, sender, "ik wil er niet meer zijn")), "crisis path needs no actions"
    finally:
        actions.start(timeout=120)  # again, on the same port
    for server in (b, a):
        answer = texts(say(server, sender, SHARING))
        assert answer and TURN_FAILED_TEXT not in answer, answer


def test_a_killed_server_leaves_the_other_to_continue(cluster, store, events_db):
    a, b = cluster["a"], cluster["b"]
    sender = f"kill-{uuid.uuid4().hex[:10]}"
    say(a, sender, SAMENHANG)
    say(b, sender, ANSWERS[0])
    b.kill()
    for answer in ANSWERS[1:]:
        assert say(a, sender, answer)
    kept = [r.text for r in store.all_reflections("rest", sender)]
    assert all(kept.count(answer) == 1 for answer in ANSWERS), kept
    rows = user_events(events_db, sender)
    assert len([r for r in rows if r.type_name == "user"]) == 1 + len(ANSWERS)
    assert_no_duplicates(rows)
    wait_until(lambda: not tracker(a, sender)["active_loop"].get("name"), timeout=5)


def test_attacks_fail_on_the_two_server_setup_too(cluster, store, events_db):
    """Channel spoofing, the HTTP API without its token, a forged action call, readable rows."""
    a = cluster["a"]  # an earlier test kills rasa-b
    phrase = f"zeppelin-{uuid.uuid4().hex[:8]}"
    store.add_reflection("telegram", "5550001", "gesprek", "gedeeld", f"van telegram {phrase}")
    spoof = {"sender": "5550001", "input_channel": "telegram"}
    status, body = request("POST", f"{a.url}/webhooks/rest/webhook",
                           {**spoof, "message": "laat mijn reflecties zien"})
    assert status == 200 and phrase not in json.dumps(body, ensure_ascii=False)

    sender = f"attack-{uuid.uuid4().hex[:8]}"
    say(a, sender, f"ik voel me alleen sinds {phrase}")
    with events_db.engine.connect() as connection:
        raw = connection.execute(sa.text("select sender_id, data from events")).all()
    assert raw and not any(phrase in r.data or sender in r.sender_id for r in raw)

    conversation = sender_key("rest", sender)
    for query in ("", "?token=wrong"):
        status, _ = request("GET", f"{a.url}/conversations/{conversation}/tracker{query}")
        assert status == 401
    status, _ = request("POST", cluster["actions"].url + "/webhook",
                          {"next_action": "action_export_reflections", "sender_id": conversation,
                         "tracker": {"sender_id": conversation, "events": []}, "domain": {}})
    assert status == 401
