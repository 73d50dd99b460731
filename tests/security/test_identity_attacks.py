"""Outsiders attack the running assistant through its channels: nobody becomes someone else."""

import asyncio
import json
import threading
import time
import uuid

import sqlalchemy as sa

from core.keys import load_keys
from core.settings import Settings
from core.texts import RATE_LIMITED_TEXT
from store.repository import ReflectionStore
from store.tracker_events import EVENTS, TrackerCipher
from testkit.web import request
from tests.channels import telegram_updates as updates
from tests.channels.webchat_client import Client
from tests.security.conftest import TELEGRAM_SECRET


def store_of(started) -> ReflectionStore:
    settings = Settings.from_env({"VAR_DIR": str(started.var)})
    return ReflectionStore(settings.db_url, load_keys(settings, env={}), spool_dir=settings.spool_dir)


def telegram(started, update, secret=TELEGRAM_SECRET) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
    return request("POST", f"{started.url}/webhooks/telegram/webhook", update, headers)[0]


def conversation(started, sender_id: str):
    """The decrypted events stored for one conversation id."""
    settings = Settings.from_env({"VAR_DIR": str(started.var)})
    cipher = TrackerCipher(load_keys(settings, env={}))
    engine = sa.create_engine(settings.tracker_db_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.select(EVENTS.c.data).where(
                EVENTS.c.sender_id == cipher.stored_id(sender_id)).order_by(EVENTS.c.id)).all()
    finally:
        engine.dispose()
    return [cipher.open(row.data) for row in rows]


def test_a_rest_caller_cannot_read_or_delete_a_telegram_persons_reflections(started, bot_api):
    chat_id = 555000 + int(uuid.uuid4().int % 1000)
    phrase = f"geheim-{uuid.uuid4().hex[:8]}"
    assert telegram(started, updates.text(chat_id, f"ik mis {phrase} zo"), ) == 200
    store = store_of(started)
    try:
        assert any(phrase in r.text for r in store.all_reflections("telegram", str(chat_id)))
        spoof = {"input_channel": "telegram"}
        assert phrase not in started.texts(str(chat_id), "laat mijn reflecties zien", **spoof)
        assert phrase not in started.texts(str(chat_id), "exporteer mijn reflecties", **spoof)
        started.say(str(chat_id), "wis mijn gegevens", **spoof)
        started.say(str(chat_id), "/affirm", **spoof)
        assert any(phrase in r.text for r in store.all_reflections("telegram", str(chat_id)))
    finally:
        store.engine.dispose()
    telegram_events = conversation(started, f"telegram:{chat_id}")
    assert any(phrase in (e.get("text") or "") for e in telegram_events)
    assert not any(e.get("text") == "wis mijn gegevens" for e in telegram_events)


def test_forged_telegram_updates_are_refused(started, bot_api):
    chat_id = 444000 + int(uuid.uuid4().int % 1000)
    for secret in (None, "x" * 40, TELEGRAM_SECRET[:-1]):
        assert telegram(started, updates.text(chat_id, "laat mijn reflecties zien"), secret) == 403
    time.sleep(1)
    assert bot_api.sent(chat_id=chat_id) == []
    assert conversation(started, f"telegram:{chat_id}") == []


def test_made_up_altered_and_erased_widget_sessions_get_a_new_session(started):
    async def scenario() -> None:
        first = await Client().connect(started.url)
        issued = await first.session()
        for made_up in (uuid.uuid4().hex, f"chat.{uuid.uuid4().hex}.{uuid.uuid4().hex}",
                        issued[:-1] + ("0" if issued[-1] != "0" else "1")):
            attacker = await Client().connect(started.url)
            assert await attacker.session(made_up) not in (made_up, issued)  # never adopted
            await attacker.close()
        again = await Client().connect(started.url)
        assert await again.session(issued) == issued  # its own id still works (a reload)
        await again.close()

        for text in ("hoi", "wis mijn gegevens", "/affirm"):
            before = len(first.received)
            await first.sio.emit("user_uttered", {"message": text})
            await first.wait("bot_uttered", len([1 for n, _ in first.received if n == "bot_uttered"]) + 1,
                             timeout=90)
            await asyncio.sleep(1)
            assert len(first.received) > before
        await first.close()

        later = await Client().connect(started.url)
        assert await later.session(issued) != issued  # erased: the old id no longer works
        await later.close()

    asyncio.run(scenario())


def test_a_pathological_message_does_not_block_another_person(started):
    start = time.time()
    assert started.texts(f"z-{uuid.uuid4().hex}", "hoi")
    usual = time.time() - start  # a first turn on this machine now, without an attacker
    slow = {}

    def attacker() -> None:
        start = time.time()
        slow["status"] = request("POST", f"{started.url}/webhooks/rest/webhook",
                                 {"sender": f"x-{uuid.uuid4().hex}", "message": "<a" * 1999})[0]
        slow["seconds"] = time.time() - start

    thread = threading.Thread(target=attacker)
    thread.start()
    time.sleep(0.2)
    start = time.time()
    answer = started.texts(f"y-{uuid.uuid4().hex}", "hoi")
    assert answer and time.time() - start < 5 + 3 * usual  # relative: a busy machine is slower
    thread.join(timeout=60)
    assert slow["status"] == 200 and slow["seconds"] < 10


def test_rest_refuses_requests_without_sender_or_too_long(started):
    url = f"{started.url}/webhooks/rest/webhook"
    assert request("POST", url, {"message": "hoi"})[0] == 400
    assert request("POST", url, {"sender": "", "message": "hoi"})[0] == 400
    assert request("POST", url, {"sender": "lang", "message": "a" * 4001})[0] == 413
    assert json.dumps(request("POST", url, {"sender": "kort", "message": "a" * 4000})[1])


def test_one_person_cannot_flood_the_assistant(started):
    sender = f"flood-{uuid.uuid4().hex[:8]}"
    url = f"{started.url}/webhooks/rest/webhook"
    answers = [request("POST", url, {"sender": sender, "message": f"bericht {n}"})
               for n in range(13)]  # the limit is 12 a minute
    assert all(status == 200 for status, _ in answers[:12])
    assert RATE_LIMITED_TEXT not in json.dumps(answers[:12], ensure_ascii=False)
    status, body = answers[12]
    assert status == 429 and RATE_LIMITED_TEXT in json.dumps(body, ensure_ascii=False)
    assert RATE_LIMITED_TEXT not in started.texts(f"other-{uuid.uuid4().hex[:8]}", "hoi")
