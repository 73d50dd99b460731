"""The webchat channel: transcript rebuilding, the socket.io protocol the widget uses, and the
kind message when a turn fails."""
import asyncio
import json
import urllib.request
import uuid
from typing import Any, List

import pytest
from rasa.shared.core.events import ActionExecuted, BotUttered, Restarted, UserUttered

from channels import sessions
from channels.webchat import transcript
from core.texts import TURN_FAILED_TEXT
from tests.channels import telegram_updates as updates
from tests.channels.webchat_client import Client
from tests.servers import ScriptedServer, action_server_down, post_update, stored_events

BUTTONS = [{"title": "Gewoon praten", "payload": "/just_talk"}]


def test_transcript_shows_button_titles_and_hides_commands():
    events = [
        UserUttered("/greet"),
        BotUttered("Hoi.\n\nWaar heb je zin in?", data={"buttons": BUTTONS}),
        UserUttered("/just_talk"),
        ActionExecuted("utter_just_talk"),
        BotUttered("Vertel maar."),
        UserUttered("<img src=x onerror=alert(1)>"),
    ]
    assert transcript(events) == [
        {"sender": "bot", "text": "Hoi."},
        {"sender": "bot", "text": "Waar heb je zin in?", "buttons": BUTTONS},
        {"sender": "user", "text": "Gewoon praten"},
        {"sender": "bot", "text": "Vertel maar."},
        {"sender": "user", "text": "<img src=x onerror=alert(1)>"},
    ]


def test_transcript_starts_after_restart_and_is_limited():
    events = [UserUttered("oud"), Restarted()] + [UserUttered(f"nieuw {i}") for i in range(5)]
    assert [m["text"] for m in transcript(events, limit=2)] == ["nieuw 3", "nieuw 4"]


@pytest.mark.slow
def test_session_history_and_isolation(scripted_server):
    async def scenario() -> None:
        alice = await Client().connect(scripted_server.url)
        session = await alice.session("not-a-server-issued-id")
        assert sessions.signed_kind(session) == sessions.WEBCHAT
        await alice.sio.emit("user_uttered", {"message": "/greet", "session_id": session})
        await alice.sio.emit("user_uttered", {"message": "Ik mis mijn broer."})
        bot = await alice.wait("bot_uttered", 3)
        assert bot[0]["quick_replies"][0]["payload"] == "/just_talk"
        assert bot[-1] == {"text": "Ik mis mijn broer."}

        # a reload: a new socket asks for the same session and gets the history
        again = await Client().connect(scripted_server.url)
        assert await again.session(session) == session
        await again.sio.emit("history_request", {"session_id": session})
        history = (await again.wait("history"))[0]["messages"]
        assert [m["text"] for m in history if m["sender"] == "user"] == ["Ik mis mijn broer."]

        # a socket without a session cannot speak as someone else's session
        mallory = await Client().connect(scripted_server.url)
        await mallory.sio.emit(
            "user_uttered", {"message": "/delete_my_data", "session_id": session}
        )
        await mallory.sio.emit("history_request", {"session_id": session})
        await asyncio.sleep(1)
        assert mallory.received == [] and len(alice.received) == 4

        await asyncio.gather(*(client.close() for client in (alice, again, mallory)))

    asyncio.run(scenario())


@pytest.mark.slow
def test_widget_files_are_served(scripted_server):
    with urllib.request.urlopen(f"{scripted_server.url}/widget/widget.js") as answer:
        assert answer.headers["Content-Type"].startswith("application/javascript")
    with urllib.request.urlopen(f"{scripted_server.url}/widget/") as answer:
        assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
        assert '<script src="/widget/widget.js"' in answer.read().decode()


SHARING = "Sinds mijn zus verhuisd is, voel ik me vaak alleen."
TELEGRAM_PERSON = 92001


def _rest(server_url: str, sender: str, text: str) -> List[str]:
    request = urllib.request.Request(
        f"{server_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": sender, "message": text}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as answer:
        assert answer.status == 200
        return [m.get("text") or "" for m in json.loads(answer.read())]


@pytest.mark.slow
def test_action_server_down_gives_the_kind_message_and_recovers(rasa_server, fake_bot_api):
    """Widget (socket.io), REST and Telegram users get TURN_FAILED_TEXT instead of silence."""

    async def turn(client: Client, session: str, text: str) -> List[str]:
        before = len([1 for name, _ in client.received if name == "bot_uttered"])
        await client.sio.emit("user_uttered", {"message": text, "session_id": session})
        await client.wait("bot_uttered", before + 1, timeout=90)
        await asyncio.sleep(1.5)  # the rest of the turn
        return [m.get("text") or "" for m in (await client.wait("bot_uttered"))[before:]]

    async def scenario() -> None:
        client = await Client().connect(rasa_server.url)
        session = await client.session()
        assert TURN_FAILED_TEXT not in await turn(client, session, "/greet")
        rest_sender = f"test-{session}"
        assert TURN_FAILED_TEXT not in _rest(rasa_server.url, rest_sender, "/greet")
        post_update(rasa_server.url, updates.text(TELEGRAM_PERSON, "/start"))
        greeted = len(fake_bot_api.wait_for(1, TELEGRAM_PERSON))
        with action_server_down(rasa_server):
            assert TURN_FAILED_TEXT in await turn(client, session, SHARING)
            assert TURN_FAILED_TEXT in _rest(rasa_server.url, rest_sender, SHARING)
            post_update(rasa_server.url, updates.text(TELEGRAM_PERSON, SHARING))
            answer = fake_bot_api.wait_for(greeted + 1, TELEGRAM_PERSON)[greeted:]
            assert [m["text"] for m in answer] == [TURN_FAILED_TEXT]
        answer = await turn(client, session, SHARING)
        assert answer and TURN_FAILED_TEXT not in answer, answer
        await client.close()

    asyncio.run(scenario())


def _altered(session_id: str) -> str:
    last = "0" if session_id[-1] != "0" else "1"
    return session_id[:-1] + last


@pytest.mark.slow
def test_made_up_or_altered_session_ids_get_a_new_session(scripted_server):
    async def scenario() -> None:
        alice = await Client().connect(scripted_server.url)
        session = await alice.session()
        await alice.sio.emit("user_uttered", {"message": "Ik mis mijn broer."})
        await alice.wait("bot_uttered", 2)
        nonce = session.split(".")[1]
        forged = [
            _altered(session),                    # signature changed
            f"chat.{'f' * 32}.{session.split('.')[2]}",  # nonce changed, old signature
            f"demo.{nonce}.{session.split('.')[2]}",     # kind changed
            "chat." + "0" * 32 + "." + "0" * 32, uuid.uuid4().hex, None, 42, {"id": session},
        ]
        for made_up in forged:
            mallory = await Client().connect(scripted_server.url)
            got = await mallory.session(made_up)
            assert got != session and sessions.signed_kind(got) == sessions.WEBCHAT, made_up
            await mallory.sio.emit("history_request", {"session_id": session})
            history = (await mallory.wait("history"))[0]
            assert history == {"session_id": got, "messages": []}
            await mallory.close()
        await alice.close()

    asyncio.run(scenario())


@pytest.mark.slow
def test_too_long_message_gets_a_kind_answer_and_is_not_processed(scripted_server):
    async def scenario() -> None:
        client = await Client().connect(scripted_server.url)
        session = await client.session()
        await client.sio.emit("user_uttered", {"message": "a" * 4001, "session_id": session})
        [answer] = await client.wait("bot_uttered")
        assert answer["text"].startswith("Je bericht is te lang voor mij: ik kan tot 4.000 tekens")
        await client.sio.emit("history_request", {})
        assert (await client.wait("history"))[0]["messages"] == []  # nothing reached the assistant
        await client.close()

    asyncio.run(scenario())


@pytest.mark.slow
def test_erasing_revokes_the_session_for_good(rasa_server, fake_bot_api, tmp_path):
    """After "wis mijn gegevens" + "ja" the old session id opens nothing, on this server and on a
    server started afterwards; the socket goes on in a new session. Metadata is never stored."""

    async def turn(client: Client, text: str, **extra: Any) -> None:
        before = len([1 for name, _ in client.received if name == "bot_uttered"])
        await client.sio.emit("user_uttered", {"message": text, **extra})
        await client.wait("bot_uttered", before + 1, timeout=90)
        await asyncio.sleep(1.5)  # the rest of the turn

    async def scenario() -> str:
        client = await Client().connect(rasa_server.url)
        session = await client.session()
        await turn(client, SHARING, metadata={"geheim": "niet-bewaren"})
        stored = json.dumps(stored_events(f"webchat:{session}"))
        assert SHARING in stored and "niet-bewaren" not in stored
        await turn(client, "wis mijn gegevens")
        await turn(client, "ja")
        [renewed] = await client.wait("session_renewed", timeout=30)
        assert renewed != session and sessions.signed_kind(renewed) == sessions.WEBCHAT

        later = await Client().connect(rasa_server.url)
        assert await later.session(session) != session
        await later.sio.emit("history_request", {})
        assert SHARING not in json.dumps(await later.wait("history"))
        await turn(client, "hoi")  # the socket itself goes on, as the new session
        fresh = stored_events(f"webchat:{renewed}")
        assert "hoi" in [e.get("text") for e in fresh if e["event"] == "user"]
        await asyncio.gather(client.close(), later.close())
        return session

    session = asyncio.run(scenario())
    restarted = ScriptedServer(tmp_path / "restarted.log").start(fake_bot_api.url)
    try:
        async def after_restart() -> str:
            client = await Client().connect(restarted.url)
            got = await client.session(session)
            await client.close()
            return got

        assert asyncio.run(after_restart()) not in (session, None)
    finally:
        restarted.stop()
