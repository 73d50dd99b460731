"""The widget in Chromium against the real webchat channel on a stand-in assistant.

Checks what people expect from the widget itself: buttons, text-only rendering,
history after reload, keyboard use, screen-reader roles and a 360 px screen.
The conversation with the trained assistant is in test_widget_conversation.py.
"""
import pytest
from playwright.sync_api import expect

from channels import sessions
from tests.widget.chat import WidgetPage

pytestmark = pytest.mark.slow

INJECTION = '<img src=x onerror=alert(1)> <b>vet</b>'


@pytest.fixture
def widget(page, scripted_server) -> WidgetPage:
    return WidgetPage(page, scripted_server.url).open_page()


def test_greeting_buttons_and_free_text(widget):
    widget.open()
    assert widget.wait_for_bot(1) == ["Hoi, fijn dat je er bent. Waar heb je zin in?"]
    expect(widget.replies).to_have_text(["Gewoon praten", "De vier lijstjes"])

    assert widget.press("Gewoon praten") == ["Vertel maar. Wat houdt je bezig?"]
    expect(widget.replies).to_have_count(0)
    assert widget.say("Ik mis mijn zus.") == ["Je schreef:", "Ik mis mijn zus."]


def test_html_is_shown_as_text(widget, page):
    widget.open()
    widget.wait_for_bot(1)
    assert widget.say(INJECTION)[-1] == INJECTION  # echoed back by the bot
    expect(widget.user_messages.last).to_have_text(INJECTION)
    assert page.locator("#reflectie-widget img, #reflectie-widget b").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []


def test_history_survives_reload(widget, page):
    widget.open()
    widget.wait_for_bot(1)
    widget.press("De vier lijstjes")
    widget.say("Een gedachte om te bewaren.")
    session = page.evaluate("localStorage.getItem('reflectie-widget:session')")

    page.reload()
    expect(widget.panel).to_be_visible()  # it was open before the reload
    expect(widget.user_messages).to_have_text(
        ["De vier lijstjes", "Een gedachte om te bewaren."], timeout=15_000
    )
    assert widget.bot_messages.all_text_contents()[0].startswith("Hoi, fijn")
    assert page.evaluate("localStorage.getItem('reflectie-widget:session')") == session


def test_keyboard_only(widget, page):
    for _ in range(5):  # past the demo page's own focusable parts
        page.keyboard.press("Tab")
        if widget.launcher.evaluate("el => el.getRootNode().activeElement === el"):
            break
    expect(widget.launcher).to_be_focused()
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    assert widget.active_element_id() == "rw-input"
    widget.wait_for_bot(1)

    page.keyboard.type("Met alleen het toetsenbord.")
    page.keyboard.press("Enter")
    expect(widget.user_messages.last).to_have_text("Met alleen het toetsenbord.")

    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()


def test_accessible_roles_and_privacy_line(widget, page):
    widget.open()
    expect(widget.log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("button", name="Sluit de chat")).to_be_visible()
    expect(page.get_by_role("button", name="Verstuur")).to_be_visible()
    expect(page.get_by_text("We bewaren dit gesprek")).to_be_visible()
    widget.wait_for_bot(1)

    before = widget.bot_messages.count()
    page.get_by_role("button", name="Wis mijn gegevens").click()
    expect(widget.user_messages.last).to_have_text("Wis mijn gegevens")
    assert widget.wait_for_bot(before + 2)[-1] == "/delete_my_data"  # the payload reached the bot


def test_phone_screen(browser, scripted_server, artifacts):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    widget = WidgetPage(page, scripted_server.url).open_page()
    widget.open()
    widget.wait_for_bot(1)
    box = widget.panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    for reply in widget.replies.all():
        reply_box = reply.bounding_box()
        assert reply_box["x"] + reply_box["width"] <= 360
    page.screenshot(path=str(artifacts / "widget-scripted-phone.png"))
    context.close()


SESSION_KEY = "reflectie-widget:session"


def _session(page) -> str:
    return page.evaluate(f"localStorage.getItem('{SESSION_KEY}')")


@pytest.mark.parametrize("forged", ["5f0c" * 8, "chat." + "0" * 32 + "." + "0" * 32],
                         ids=["random-looking", "signature-shaped"])
def test_made_up_session_id_in_the_browser_gets_a_new_session(widget, page, forged):
    page.evaluate(f"localStorage.setItem('{SESSION_KEY}', '{forged}')")
    page.reload()
    widget.open()
    assert widget.wait_for_bot(1)[0].startswith("Hoi, fijn")  # greeted as a new conversation
    assert _session(page) != forged and sessions.signed_kind(_session(page)) == sessions.WEBCHAT


def test_altered_session_id_shows_nothing_of_the_conversation(widget, page):
    widget.open()
    widget.wait_for_bot(1)
    widget.say("Iets wat alleen ik mag lezen.")
    real = _session(page)
    altered = real[:-1] + ("0" if real[-1] != "0" else "1")
    page.evaluate(f"localStorage.setItem('{SESSION_KEY}', '{altered}')")
    page.reload()
    expect(widget.panel).to_be_visible()
    expect(widget.bot_messages.first).to_be_visible(timeout=15_000)
    expect(widget.user_messages).to_have_count(0)
    assert _session(page) not in (real, altered)


def test_forget_this_device_with_the_keyboard(widget, page):
    widget.open()
    widget.wait_for_bot(1)
    widget.say("Een gedachte van vroeger.")
    before = _session(page)
    forget = page.get_by_role("button", name="Vergeet dit apparaat")
    forget.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_have_text(
        "Dit apparaat is je gesprek vergeten. Je begint een nieuw gesprek.")
    expect(widget.user_messages).to_have_count(0)
    expect(widget.bot_messages).to_have_count(1, timeout=15_000)  # a fresh greeting
    after = _session(page)
    assert after != before and sessions.signed_kind(after) == sessions.WEBCHAT

    page.reload()
    expect(widget.panel).to_be_visible()
    expect(widget.bot_messages.first).to_be_visible(timeout=15_000)
    expect(widget.user_messages).to_have_count(0)
    assert _session(page) == after
