"""Who can reach what: Rasa's HTTP API is closed, the action server answers only Rasa."""

import stat
import subprocess
import uuid

from core.keys import Keys
from testkit.ports import free_port
from testkit.web import request
from tests.security.assistant import START, listen_addresses, start_env

LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1 in /proc/net
FORGED_CALL = {
    "next_action": "action_export_reflections",
    "sender_id": "telegram:555123",
    "tracker": {"sender_id": "telegram:555123", "slots": {}, "latest_message": {},
                "events": [{"event": "user", "text": "exporteer", "input_channel": "telegram"}],
                "active_loop": {}, "latest_action_name": "action_listen"},
    "domain": {},
    "version": "3.6.21",
}


def test_both_servers_listen_on_loopback_only(started):
    assert set(listen_addresses(started.port)) <= LOOPBACK and listen_addresses(started.port)
    assert set(listen_addresses(started.actions_port)) <= LOOPBACK
    assert listen_addresses(started.actions_port)


def test_rasas_http_api_is_not_open(started):
    for method, path in [("GET", "/conversations/rest:anna/tracker"), ("GET", "/status"),
                         ("POST", "/conversations/rest:anna/execute"), ("DELETE", "/model"),
                         ("PUT", "/model")]:
        status, _ = request(method, started.url + path, {} if method != "GET" else None)
        assert status in (404, 405), (method, path, status)


def test_the_action_server_refuses_forged_requests(started):
    url = f"http://127.0.0.1:{started.actions_port}"
    assert request("GET", url + "/health")[0] == 200
    for headers in ({}, {"X-Action-Token": "wrong"}, {"X-Action-Token": Keys.generate().hmac_key.hex()}):
        status, body = request("POST", url + "/webhook", FORGED_CALL, headers)
        assert status == 401 and "events" not in str(body), (headers, status, body)
        assert request("GET", url + "/actions", headers=headers)[0] == 401


def test_an_action_error_answer_does_not_echo_the_request(started):
    token = subprocess.run([started.env["PY"], "-m", "store.keys_cli", "action-token"],
                           env=started.env, capture_output=True, text=True, check=True).stdout.strip()
    phrase = f"echo-{uuid.uuid4().hex}"
    broken = {"next_action": "action_notice", "tracker": {"events": [{"event": "user", "text": phrase}]},
              "domain": {}, "version": "3.6.21"}
    status, body = request("POST", f"http://127.0.0.1:{started.actions_port}/webhook", broken,
                           {"X-Action-Token": token})
    assert status >= 400 and phrase not in str(body)
    assert phrase not in (started.var / "actions.log").read_text(errors="replace")


def test_start_script_opens_the_api_only_with_a_token_and_binds_loopback(tmp_path):
    fake_rasa = tmp_path / "rasa"
    fake_rasa.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/args\n')
    fake_rasa.chmod(0o755)
    env = start_env(tmp_path / "var", RASA=str(fake_rasa), ACTIONS_PORT=str(free_port()))
    subprocess.run([str(START)], env=env, check=True, timeout=120, capture_output=True)
    subprocess.run([str(START)], env=dict(env, RASA_API_TOKEN="geheim-genoeg"), check=True,
                   timeout=120, capture_output=True)
    without, with_token = (tmp_path / "args").read_text().splitlines()
    assert "--enable-api" not in without and "-i 127.0.0.1" in without
    assert "--enable-api --auth-token geheim-genoeg" in with_token
    assert stat.S_IMODE((tmp_path / "var" / "keys.json").stat().st_mode) == 0o600
