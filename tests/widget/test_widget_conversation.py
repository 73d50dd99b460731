"""A conversation with the trained assistant in Chromium, through the demo page.

Needs the trained model (models/reflectie.tar.gz) and starts `rasa run` plus the
action server. Screenshots of desktop and phone sizes go to tests/artifacts/.
"""
import pytest
from playwright.sync_api import expect

from tests.widget.chat import WidgetPage

pytestmark = pytest.mark.slow

SHARE = "Op verjaardagen sta ik vaak tussen mensen en toch voel ik me dan alleen."
CRISIS = "ik wil er niet meer zijn"
INJECTION = "<img src=x onerror=alert(1)>"


def test_conversation_in_the_browser(page, rasa_server, artifacts):
    widget = WidgetPage(page, rasa_server.url).open_page()
    widget.open()
    greeting = widget.wait_for_bot(1)
    assert "computerprogramma" in " ".join(greeting)
    expect(widget.replies.filter(has_text="Gewoon praten")).to_be_visible()

    assert widget.press("Gewoon praten")
    assert widget.say(SHARE)
    crisis = " ".join(widget.say(CRISIS))
    assert "113" in crisis and "1813" in crisis

    widget.say(INJECTION)
    expect(widget.user_messages.last).to_have_text(INJECTION)
    assert page.locator("#reflectie-widget img").count() == 0
    page.screenshot(path=str(artifacts / "widget-desktop.png"))

    page.reload()
    expect(widget.panel).to_be_visible()
    expect(widget.user_messages).to_have_text(
        ["Gewoon praten", SHARE, CRISIS, INJECTION], timeout=15_000
    )
    assert "113" in " ".join(widget.bot_messages.all_text_contents())
    assert page.locator("#reflectie-widget img").count() == 0
    assert page.dialogs == []


def test_phone_screenshot(browser, rasa_server, artifacts):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    widget = WidgetPage(page, rasa_server.url).open_page()
    page.screenshot(path=str(artifacts / "widget-phone-closed.png"))
    widget.open()
    widget.wait_for_bot(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(artifacts / "widget-phone.png"))
    context.close()
