"""Keys, settings, rendering helpers and the operator CLI of the reflection log."""

import json
import stat

import pytest

from core.keys import Keys, KeysMissing, create_key_file, load_keys
from core.settings import Settings
from store.cli import main, parse_person
from store.render import split_message
from store.repository import get_store


def test_keys_are_created_once_by_init_never_by_loading(tmp_path):
    settings = Settings.from_env({"REFLECTION_KEY_FILE": str(tmp_path / "var" / "keys.json")})
    with pytest.raises(KeysMissing, match="store.keys_cli init"):
        load_keys(settings, env={})
    assert create_key_file(settings.key_file) and not create_key_file(settings.key_file)
    first, second = load_keys(settings, env={}), load_keys(settings, env={})
    assert first == second and len(first.hmac_key) == 32
    assert stat.S_IMODE(settings.key_file.stat().st_mode) == 0o600
    assert set(json.loads(settings.key_file.read_text())) == {"hmac_key", "fernet_key"}


def test_keys_from_the_environment_come_in_pairs(tmp_path):
    settings = Settings.from_env({"REFLECTION_KEY_FILE": str(tmp_path / "k.json")})
    with pytest.raises(KeysMissing, match="both"):
        load_keys(settings, {"REFLECTION_FERNET_KEY": Keys.generate().fernet_keys[0]})


def test_keys_from_the_environment_win_and_support_rotation(tmp_path):
    old, new = Keys.generate(), Keys.generate()
    env = {"REFLECTION_HMAC_KEY": new.hmac_key.hex(),
           "REFLECTION_FERNET_KEY": f"{new.fernet_keys[0]},{old.fernet_keys[0]}"}
    keys = load_keys(Settings.from_env({"REFLECTION_KEY_FILE": str(tmp_path / "k.json")}), env)
    assert not (tmp_path / "k.json").exists()
    assert keys.fernet.decrypt(old.fernet.encrypt(b"oud")) == b"oud"


def test_defaults_live_in_the_project_var_folder():
    settings = Settings.from_env({})
    assert settings.db_url.endswith("/var/reflections.db") and settings.retention_days == 365
    assert settings.tracker_db_url.endswith("/var/tracker.db") and settings.max_chars == 20000


@pytest.mark.parametrize("limit", [5, 40, 3500])
def test_split_message_keeps_everything_in_order(limit):
    text = "# Titel\n\n" + "\n\n".join(f"Alinea {i} " + "woord " * i for i in range(60)) + "zonderspaties" * 30
    chunks = split_message(text, limit)
    assert "".join(chunks) == text and all(len(c) <= limit for c in chunks)


def test_person_argument():
    assert parse_person("web:a:b") == ("web", "a:b", None)
    assert parse_person("a" * 64) == (None, None, "a" * 64)


def test_operator_cli_exports_deletes_and_purges(private_var, tmp_path, capsys):
    create_key_file(tmp_path / "keys.json")
    try:
        store = get_store()
        store.add_reflection("web", "u:1", "kennen", "vraag_1", "Voor de export")
        assert main(["export", "web:u:1", "--out", str(tmp_path / "out.md")]) == 0
        assert "Voor de export" in (tmp_path / "out.md").read_text()
        assert main(["export", store.person_key("web", "u:1")]) == 0
        assert "Voor de export" in capsys.readouterr().out
        assert main(["purge", "--days", "1"]) == 0
        assert "reflections=0" in capsys.readouterr().out
        assert main(["delete", "web:u:1"]) == 0
        assert "reflections=1" in capsys.readouterr().out
        assert main(["flush"]) == 0 and main(["migrate"]) == 0
    finally:
        get_store().engine.dispose()
        get_store.cache_clear()
