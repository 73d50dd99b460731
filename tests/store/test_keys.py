"""Key commands: init once, refuse a lost or replaced key file, rotate every encrypted item."""

import asyncio
import json

import pytest
import sqlalchemy as sa
from cryptography.fernet import InvalidToken
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from components.tracker_store import ErasableSQLTrackerStore
from core.keys import action_token, create_key_file, load_keys
from core.settings import Settings
from store.keys_cli import main
from store.repository import ReflectionStore


def store(settings: Settings) -> ReflectionStore:
    return ReflectionStore(settings.db_url, load_keys(settings), spool_dir=settings.spool_dir)


def chat(settings: Settings, text: str) -> None:
    tracker_store = ErasableSQLTrackerStore(domain=Domain.empty())
    tracker = DialogueStateTracker("rest:anna", [])
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered(text, {"name": "share_experience"}))
    asyncio.run(tracker_store.save(tracker))
    tracker_store.engine.dispose()


def test_init_is_idempotent_and_the_token_belongs_to_the_keys(private_var, capsys):
    assert main(["init"]) == 0
    content = private_var.key_file.read_text()
    assert main(["init"]) == 0 and private_var.key_file.read_text() == content
    assert main(["action-token"]) == 0
    assert capsys.readouterr().out.strip().endswith(action_token(load_keys(private_var)))


def test_check_refuses_a_lost_or_replaced_key_file(private_var, capsys):
    main(["init"])
    kept = store(private_var)
    kept.add_reflection("rest", "anna", "kennen", "vraag_1", "iets van mij")
    kept.engine.dispose()
    chat(private_var, "nog iets van mij")
    assert main(["check"]) == 0

    private_var.key_file.unlink()
    assert main(["check"]) == 3 and "init" in capsys.readouterr().err
    assert main(["init"]) == 3 and not private_var.key_file.exists()  # no new keys over existing data
    assert "restore the original key file" in capsys.readouterr().err
    create_key_file(private_var.key_file)  # keys made some other way ...
    assert main(["check"]) == 3  # ... are detected, not silently used
    assert "cannot read" in capsys.readouterr().err


def test_rotation_re_encrypts_everything_and_drops_the_old_key(private_var):
    main(["init"])
    old = load_keys(private_var)
    kept = store(private_var)
    kept.add_reflection("rest", "anna", "kennen", "vraag_1", "voor de rotatie")
    spooled = {"person": kept.person_key("rest", "bob"), "id": "b" * 32, "session_id": None,
               "exercise": "kennen", "step": "vraag_1", "text": kept._encrypt("gespoold"),
               "at": "2026-01-01T00:00:00+00:00"}
    kept.spool.append({"op": "add_reflection", "args": spooled})  # written while the db was down
    kept.engine.dispose()
    chat(private_var, "gesprek voor de rotatie")

    assert main(["rotate"]) == 0
    new = load_keys(private_var)
    assert new.hmac_key == old.hmac_key and new.fernet_keys != old.fernet_keys
    assert len(json.loads(private_var.key_file.read_text())["fernet_key"].split(",")) == 1
    assert main(["check"]) == 0
    rotated = store(private_var)
    with rotated.spool.locked():
        [entry] = rotated.spool.read()
    with pytest.raises(InvalidToken):
        old.fernet.decrypt(entry["args"]["text"].encode())
    assert [r.text for r in rotated.all_reflections("rest", "anna")] == ["voor de rotatie"]
    assert [r.text for r in rotated.all_reflections("rest", "bob")] == ["gespoold"]
    with rotated.engine.connect() as connection:
        token = connection.execute(sa.text("SELECT text FROM reflections LIMIT 1")).scalar()
    with pytest.raises(InvalidToken):
        old.fernet.decrypt(token.encode())
    rotated.engine.dispose()
    tracker_store = ErasableSQLTrackerStore(domain=Domain.empty())
    events = asyncio.run(tracker_store.retrieve("rest:anna")).events
    assert events[-1].text == "gesprek voor de rotatie"
    tracker_store.engine.dispose()
