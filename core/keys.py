"""The secret keys, loaded in one place for both servers and the operator's commands.

Keys come from ``REFLECTION_HMAC_KEY`` and ``REFLECTION_FERNET_KEY`` (both or neither) or from
the key file (``REFLECTION_KEY_FILE``, default ``var/keys.json``), created once by
``python -m store.keys_cli init`` before any server starts. Nothing here ever creates keys on load.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional, Tuple

from cryptography.fernet import Fernet, MultiFernet

from core.settings import Settings


@dataclass(frozen=True)
class Keys:
    """The secret keys: one for pseudonymous person keys, Fernet key(s) for text."""

    hmac_key: bytes
    fernet_keys: Tuple[str, ...]

    @property
    def fernet(self) -> MultiFernet:
        return MultiFernet([Fernet(k) for k in self.fernet_keys])

    @classmethod
    def generate(cls) -> "Keys":
        return cls(secrets.token_bytes(32), (Fernet.generate_key().decode(),))


class KeysMissing(RuntimeError):
    """No keys: they are created once, before any server starts (`python -m store.keys_cli init`)."""


def load_keys(settings: Settings, env: Optional[Mapping[str, str]] = None) -> Keys:
    """Keys from the environment (both or neither), else from the key file. Never creates keys."""
    env = os.environ if env is None else env
    hmac_hex = env.get("REFLECTION_HMAC_KEY")
    fernet_env = env.get("REFLECTION_FERNET_KEY")
    if bool(hmac_hex) != bool(fernet_env):
        raise KeysMissing("set both REFLECTION_HMAC_KEY and REFLECTION_FERNET_KEY, or neither")
    if hmac_hex and fernet_env:
        stored = {"hmac_key": hmac_hex, "fernet_key": fernet_env}
    else:
        try:
            stored = json.loads(settings.key_file.read_text())
        except FileNotFoundError:
            raise KeysMissing(
                f"no key file at {settings.key_file}: create the keys once with "
                "`python -m store.keys_cli init` (make run does this) before starting a server"
            ) from None
    fernet_keys = tuple(k.strip() for k in stored["fernet_key"].split(",") if k.strip())
    keys = Keys(bytes.fromhex(stored["hmac_key"]), fernet_keys)
    keys.fernet  # noqa: B018 - fail early on a malformed Fernet key
    return keys


def keyed_hash(key: bytes, value: str) -> str:
    """HMAC-SHA256 of ``value`` as hex: what is stored instead of an id or an address."""
    return hmac.new(key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def derive_key(keys: Keys, purpose: str) -> bytes:
    """A sub-key for one purpose (tracker ids, widget sessions, the action server's token)."""
    return hmac.new(keys.hmac_key, f"reflectie:{purpose}".encode(), hashlib.sha256).digest()


def action_token(keys: Keys) -> str:
    """The secret the Rasa server sends to the action server (header ``X-Action-Token``)."""
    return derive_key(keys, "action-server").hex()


def create_key_file(path: Path) -> bool:
    """Writes fresh keys to ``path`` (mode 0600) unless it exists; True when it wrote them."""
    if path.exists():
        return False
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fresh = Keys.generate()
    write_key_file(path, fresh, exclusive=True)
    return True


def write_key_file(path: Path, keys: Keys, exclusive: bool = False) -> None:
    """Atomically writes ``keys`` to ``path`` (mode 0600); ``exclusive``: fail if it exists."""
    content = {"hmac_key": keys.hmac_key.hex(), "fernet_key": ",".join(keys.fernet_keys)}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(content, handle)
        handle.flush()
        os.fsync(handle.fileno())
    try:
        if exclusive:
            os.link(tmp, path)  # atomic: fails if another process was first
        else:
            os.replace(tmp, path)
    except FileExistsError:
        pass
    finally:
        if tmp.exists():
            os.unlink(tmp)

