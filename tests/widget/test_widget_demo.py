"""A facilitator's demo played in the widget (`/widget/?demo=<id>`) against the trained assistant.

The facilitator advances with the keys a presenter clicker sends; participants see an ordinary
chat; at the end the demo identity is erased. Screenshot: tests/artifacts/widget-demo.png.
"""
import itertools

import pytest
from playwright.sync_api import expect

from demos.script import SCRIPTS_DIR, load_script
from store.repository import get_store
from tests.widget.chat import TIMEOUT_MS, WidgetPage

pytestmark = pytest.mark.slow

DEMO = "verjaardag"
KEYS = ["Space", "PageDown", "ArrowRight", "Enter"]


def test_demo_plays_by_key_presses_and_leaves_nothing_behind(page, rasa_server, artifacts):
    script = load_script(SCRIPTS_DIR / f"{DEMO}.yml")
    answers = {}
    page.on("response", lambda r: answers.__setitem__(r.url.rsplit("/", 1)[-1], r)
            if "/webhooks/demos/" in r.url else None)
    widget = WidgetPage(page, rasa_server.url)
    hint = page.locator(".demo-hint")
    page.goto(f"{widget.url}?demo={DEMO}")
    expect(widget.panel).to_be_visible()
    expect(hint).to_have_attribute("data-state", "ready", timeout=TIMEOUT_MS)
    demo_session = answers["session"].json()["session_id"]
    assert widget.log.inner_text().strip() == ""

    keys = itertools.cycle(KEYS)
    participant = []
    for number, step in enumerate(script.steps, start=1):
        bot_before = widget.bot_messages.count()
        page.keyboard.press(next(keys))
        expect(hint).to_contain_text(f"Stap {number} van {len(script.steps)}")
        expect(hint).to_have_attribute("data-state", "ready", timeout=TIMEOUT_MS)
        if step.kind == "say":
            participant.append(step.text)
        elif step.kind == "button":
            participant.append(step.text)
        if step.kind == "note":
            assert widget.bot_messages.count() == bot_before
        else:
            assert widget.bot_messages.count() > bot_before, f"no reply to step {number}"
        expect(widget.user_messages).to_have_text(participant)
        if step.note:
            expect(hint.locator(".demo-note")).to_have_text(step.note.strip())
        if number == 5:
            page.screenshot(path=str(artifacts / "widget-demo.png"))

    chat = widget.log.inner_text()
    for step in script.steps:
        assert not step.note or step.note.strip() not in chat
    assert "computerprogramma" in chat
    assert page.locator("#reflectie-widget img").count() == 0
    store = get_store()
    assert store.all_reflections("webchat", demo_session), "the reflection questions wrote nothing"
    assert page.evaluate("localStorage.getItem('reflectie-widget:session')") != demo_session

    page.keyboard.press("PageDown")  # after the last step: the end
    expect(hint).to_have_attribute("data-state", "done", timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # nothing (no greeting of the visitor's own chat) comes after
    expect(widget.log).to_have_text("")
    cleanup = answers["cleanup"]
    assert cleanup.status == 200 and cleanup.json()["deleted"]["tracker_events"] > 0
    assert store.all_reflections("webchat", demo_session) == []
    assert page.dialogs == []


def test_escape_stops_a_demo_and_erases_it(page, rasa_server):
    answers = {}
    page.on("response", lambda r: answers.__setitem__(r.url.rsplit("/", 1)[-1], r)
            if "/webhooks/demos/" in r.url else None)
    widget = WidgetPage(page, rasa_server.url)
    hint = page.locator(".demo-hint")
    page.goto(f"{widget.url}?demo={DEMO}")
    expect(hint).to_have_attribute("data-state", "ready", timeout=TIMEOUT_MS)
    page.keyboard.press("Space")  # the opening note
    page.keyboard.press("Space")  # "Hoi"
    expect(widget.user_messages).to_have_text(["Hoi"], timeout=TIMEOUT_MS)
    page.keyboard.press("Escape")
    expect(hint).to_have_attribute("data-state", "done", timeout=TIMEOUT_MS)
    page.wait_for_timeout(1500)  # nothing (no greeting of the visitor's own chat) comes after
    expect(widget.log).to_have_text("")
    assert answers["cleanup"].status == 200
    # the visitor's own chat is untouched: a new conversation, not the demo's
    own = page.evaluate("localStorage.getItem('reflectie-widget:session')")
    assert own != answers["session"].json()["session_id"]


def test_missing_demo_says_so_outside_the_chat(page, rasa_server):
    widget = WidgetPage(page, rasa_server.url)
    page.goto(f"{widget.url}?demo=bestaat-niet")
    expect(page.locator(".demo-hint")).to_have_attribute("data-state", "failed", timeout=TIMEOUT_MS)
    expect(widget.panel).to_be_hidden()
