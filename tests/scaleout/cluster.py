"""The scale-out setup of docker-compose.yml, as processes on loopback.

PostgreSQL (tests/pg.py) and Redis (tests/redis_server.py) come from their fixtures;
the action server and any number of ``rasa run`` processes (testkit services) run on the
trained model with endpoints.yml and the project's credentials.yml, all configured by the
same environment variables the compose file sets.
"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any, Dict, List

import yaml

from core.identity import sender_key
from core.keys import action_token, create_key_file, load_keys
from core.settings import Settings
from testkit.paths import ROOT
from testkit.services import TELEGRAM_OFF, RasaServer, Service, process_env
from testkit.web import post_json

API_TOKEN = "scaleout-test-api-token"
REST_CHANNEL = "channels.rest.RestInput"


def credentials_for_test(workdir: Path) -> Path:
    """The project's credentials.yml, with the REST channel being ours (as in deployments)."""
    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text()) or {}
    if "rest" in credentials:
        credentials[REST_CHANNEL] = credentials.pop("rest")
    credentials.setdefault(REST_CHANNEL, None)
    path = workdir / "credentials.yml"
    path.write_text(yaml.safe_dump(credentials))
    return path


def service_env(tracker_url: str, reflection_url: str, redis_url: str, action_url: str,
                workdir: Path) -> Dict[str, str]:
    """What docker-compose.yml sets for every service (keys and spool shared like a volume)."""
    return process_env(
        TRACKER_DB_URL=tracker_url,
        REFLECTION_DB_URL=reflection_url,
        REDIS_URL=redis_url,
        ACTION_SERVER_URL=action_url,
        ACTION_SERVER_TOKEN=action_token_for(workdir / "keys.json"),
        REFLECTION_KEY_FILE=str(workdir / "keys.json"),
        REFLECTION_SPOOL_DIR=str(workdir / "spool"),
        **TELEGRAM_OFF,
    )


def action_token_for(key_file: Path) -> str:
    """Creates the shared key file once (the compose file's `keys` step) and returns the token."""
    create_key_file(key_file)
    return action_token(load_keys(Settings.from_env({"REFLECTION_KEY_FILE": str(key_file)})))


def start_rasa(name: str, env: Dict[str, str], credentials: Path, workdir: Path) -> RasaServer:
    """``rasa run`` with its HTTP API open (with API_TOKEN), not yet waited for."""
    return RasaServer(workdir / f"{name}.log").launch(
        env, credentials=credentials, args=["--enable-api", "--auth-token", API_TOKEN])


def say(server: Service, sender: str, text: str) -> List[Dict[str, Any]]:
    """One turn over REST; asserts HTTP 200 and returns the bot messages."""
    status, body = post_json(f"{server.url}/webhooks/rest/webhook",
                             {"sender": sender, "message": text}, timeout=60)
    assert status == 200, f"{server.name} answered {status}: {body}"
    return body


def tracker(server: Service, sender: str) -> Dict[str, Any]:
    """The conversation of REST sender ``sender`` (stored as ``rest:<sender>``), read through
    Rasa's HTTP API with its token."""
    url = f"{server.url}/conversations/{sender_key('rest', sender)}/tracker?token={API_TOKEN}"
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())
