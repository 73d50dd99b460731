"""A lost or replaced key file stops `make run` with a clear message; no new keys over old data."""

from core.keys import create_key_file, load_keys
from core.settings import Settings
from store.repository import ReflectionStore
from tests.security.assistant import run_start_script, start_env


def keep_a_reflection(var) -> None:
    settings = Settings.from_env({"VAR_DIR": str(var)})
    create_key_file(settings.key_file)
    store = ReflectionStore(settings.db_url, load_keys(settings, env={}), spool_dir=settings.spool_dir)
    store.add_reflection("rest", "anna", "kennen", "vraag_1", "iets dat van mij is")
    store.engine.dispose()


def test_a_lost_key_file_stops_the_start(tmp_path):
    var = tmp_path / "var"
    keep_a_reflection(var)
    original = (var / "keys.json").read_bytes()
    (var / "keys.json").unlink()
    result = run_start_script(start_env(var))
    assert result.returncode != 0 and "restore the original key file" in result.stderr
    assert not (var / "keys.json").exists() and not (var / "actions.log").exists()

    create_key_file(var / "keys.json")  # keys made some other way are detected too
    result = run_start_script(start_env(var))
    assert result.returncode != 0 and "cannot read" in result.stderr
    assert not (var / "actions.log").exists()  # no server was started

    (var / "keys.json").write_bytes(original)  # restored: the start gets past the key check
    result = run_start_script(start_env(var, RASA="/bin/true"))
    assert result.returncode == 0, result.stderr


def test_keys_from_the_environment_must_come_in_pairs(tmp_path):
    result = run_start_script(start_env(tmp_path / "var", REFLECTION_HMAC_KEY="00" * 32))
    assert result.returncode != 0 and "both" in result.stderr
