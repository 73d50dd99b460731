"""The browser player's server side: scripts as JSON, demo identities and their cleanup."""
import json
import urllib.error
import urllib.request
import uuid

import pytest

from channels import sessions
from store.erasure import erase_demo_identity as erase_demo
from store.repository import get_store
from testkit.paths import ROOT


def test_demo_identities_are_signed_and_distinct_from_widget_sessions():
    first, second = sessions.issue(sessions.DEMO), sessions.issue(sessions.DEMO)
    assert first != second and first.startswith("demo.")
    assert sessions.signed_kind(first) == sessions.DEMO
    assert sessions.signed_kind(sessions.issue()) == sessions.WEBCHAT
    assert sessions.signed_kind(first.replace("demo.", "chat.", 1)) is None
    assert sessions.signed_kind("demo." + "0" * 32 + "." + "0" * 32) is None
    assert sessions.signed_kind("../../etc") is None and sessions.signed_kind(None) is None


def test_erasing_a_demo_removes_its_reflections_on_every_channel():
    session_id = uuid.uuid4().hex
    store = get_store()
    store.add_reflection("webchat", session_id, "kennen", "wie", "mijn buurman")
    store.add_reflection("rest", session_id, "gesprek", "share_experience", "ik voel me alleen")
    other = f"test-{uuid.uuid4().hex}"
    store.add_reflection("webchat", other, "kennen", "wie", "mijn zus")
    counts = erase_demo(session_id)
    assert counts["reflections"] == 2
    assert store.all_reflections("webchat", session_id) == [] == store.all_reflections("rest", session_id)
    assert len(store.all_reflections("webchat", other)) == 1


def _call(url, data=None):
    body = None if data is None else json.dumps(data).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"},
                                     method="GET" if data is None else "POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.fixture
def demo_server(request):
    """The trained assistant behind `rasa run`, when credentials.yml enables the demo routes."""
    if "channels.demo.DemoInput" not in (ROOT / "credentials.yml").read_text():
        pytest.skip("credentials.yml does not enable channels.demo.DemoInput (see demos/README.md)")
    return request.getfixturevalue("rasa_server")


@pytest.mark.slow
def test_routes_serve_scripts_and_clean_up_only_demo_identities(demo_server):
    rasa_server = demo_server
    base = f"{rasa_server.url}/webhooks/demos"
    status, body = _call(f"{base}/scripts")
    assert status == 200 and {d["id"] for d in body["demos"]} >= {"verjaardag", "stille_collega"}
    assert _call(f"{base}/scripts/verjaardag")[1]["steps"][0]["kind"] == "note"
    assert _call(f"{base}/scripts/bestaat-niet")[0] == 404

    session_id = _call(f"{base}/session", {})[1]["session_id"]
    status, replies = _call(f"{rasa_server.url}/webhooks/rest/webhook",
                            {"sender": session_id, "message": "Ik voel me zo alleen sinds mijn zus weg is"})
    assert status == 200 and replies
    assert get_store().all_reflections("rest", session_id)
    for not_a_demo in (sessions.issue(sessions.WEBCHAT), uuid.uuid4().hex, "rest:" + session_id,
                       session_id[:-1] + ("0" if session_id[-1] != "0" else "1"), None):
        assert _call(f"{base}/cleanup", {"session_id": not_a_demo})[0] == 403, not_a_demo
    assert get_store().all_reflections("rest", session_id)
    status, body = _call(f"{base}/cleanup", {"session_id": session_id})
    assert status == 200 and body["deleted"]["reflections"] >= 1 and body["deleted"]["tracker_events"] > 0
    assert get_store().all_reflections("rest", session_id) == []
    assert _call(f"{base}/cleanup", {"session_id": session_id})[0] == 403  # once only
    # a demo identity another server of this deployment issued (same keys): accepted here too
    elsewhere = sessions.issue(sessions.DEMO)
    assert _call(f"{base}/cleanup", {"session_id": elsewhere})[0] == 200
