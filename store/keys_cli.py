"""Key commands, run before and beside the servers (which never create keys themselves).

    python -m store.keys_cli init           # create the key file once (no-op when it exists)
    python -m store.keys_cli check          # keys present and able to read the stored data
    python -m store.keys_cli action-token   # print the action server's shared secret
    python -m store.keys_cli rotate         # new encryption key; re-encrypt everything

`make run` runs `init` and `check` before it starts the two servers, so two processes can
never race to create different keys, and a lost or replaced key file stops the start with
a clear message instead of silently making new keys over existing data.

Rotation (stop the servers first): with a key file, a new Fernet key is put in front of the
old ones, every reflection, resumable progress, spooled entry and conversation event is
re-encrypted with it, and the old keys are then removed from the file. With keys from the
environment, put a new key first in ``REFLECTION_FERNET_KEY`` yourself, run `rotate`, then
drop the old keys from the variable. The HMAC key is not rotated: a person's pseudonymous
key is derived from it.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

import sqlalchemy as sa
from cryptography.fernet import Fernet

from core.keys import Keys, KeysMissing, action_token, create_key_file, load_keys, write_key_file
from core.settings import Settings
from store.tracker_events import (
    KeyMismatch,
    TrackerCipher,
    check_keys,
    existing_engine,
    rotate_events,
)


def _from_env() -> bool:
    return bool(os.environ.get("REFLECTION_HMAC_KEY") or os.environ.get("REFLECTION_FERNET_KEY"))


def _store(settings: Settings, keys: Keys):
    from store.repository import ReflectionStore

    return ReflectionStore(settings.db_url, keys, spool_dir=settings.spool_dir,
                           busy_timeout=settings.busy_timeout)


def _holds_data(url: str, table: str) -> bool:
    engine = existing_engine(url)
    if engine is None:
        return False
    try:
        with engine.connect() as connection:
            if not sa.inspect(connection).has_table(table):
                return False
            return connection.execute(sa.text(f"SELECT 1 FROM {table} LIMIT 1")).first() is not None
    finally:
        engine.dispose()


def _init(settings: Settings) -> int:
    if _from_env():
        load_keys(settings)  # both or neither, well-formed
        print("keys come from the environment")
        return 0
    if settings.key_file.exists():
        return 0
    if _holds_data(settings.db_url, "persons") or _holds_data(settings.tracker_db_url, "events"):
        raise KeysMissing(
            f"no key file at {settings.key_file}, but the databases hold people's data: "
            "restore the original key file; new keys are never made over existing data"
        )
    create_key_file(settings.key_file)
    print(f"created {settings.key_file}")
    return 0


def _check(settings: Settings) -> int:
    keys = load_keys(settings)
    engine = existing_engine(settings.tracker_db_url)
    if engine is not None:
        try:
            check_keys(engine, TrackerCipher(keys))
        finally:
            engine.dispose()
    store = _store(settings, keys)
    try:
        store.check_keys()
    finally:
        store.engine.dispose()
    return 0


def _rotate(settings: Settings) -> int:
    keys = load_keys(settings)
    if not _from_env():
        keys = Keys(keys.hmac_key, (Fernet.generate_key().decode(), *keys.fernet_keys))
        write_key_file(settings.key_file, keys)
    store = _store(settings, keys)
    try:
        count = store.rotate_encryption()
    finally:
        store.engine.dispose()
    count += rotate_events(settings.tracker_db_url, keys.fernet)
    if _from_env():
        print(f"re-encrypted {count} items; remove the old keys from REFLECTION_FERNET_KEY now")
    else:
        write_key_file(settings.key_file, Keys(keys.hmac_key, keys.fernet_keys[:1]))
        print(f"re-encrypted {count} items with a new key; old keys removed from the key file")
    return 0


COMMANDS = {
    "init": _init,
    "check": _check,
    "action-token": lambda settings: print(action_token(load_keys(settings))) or 0,
    "rotate": _rotate,
}


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m store.keys_cli", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=sorted(COMMANDS))
    args = parser.parse_args(argv)
    os.umask(0o077)
    try:
        return COMMANDS[args.command](Settings.from_env())
    except (KeysMissing, KeyMismatch) as error:
        print(f"keys: {error}", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
