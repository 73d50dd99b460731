"""Drives the widget on the demo page like a person would (Playwright pierces its shadow root)."""
from typing import List

from playwright.sync_api import Page, expect

TIMEOUT_MS = 60_000


class WidgetPage:
    def __init__(self, page: Page, server_url: str) -> None:
        self.page = page
        self.url = f"{server_url}/widget/"
        self.launcher = page.get_by_role("button", name="Open de chat")
        self.panel = page.get_by_role("dialog", name="Reflectie-assistent")
        self.log = page.get_by_role("log")
        self.input = page.get_by_label("Je bericht")
        self.bot_messages = page.locator(".message.bot .text")
        self.user_messages = page.locator(".message.user .text")
        self.replies = page.locator(".replies .reply")

    def open_page(self) -> "WidgetPage":
        self.page.goto(self.url)
        return self

    def open(self) -> None:
        self.launcher.click()
        expect(self.panel).to_be_visible()

    def wait_for_bot(self, count: int) -> List[str]:
        """Waits until there are at least `count` bot messages; returns all of them."""
        expect(self.bot_messages.nth(count - 1)).to_be_visible(timeout=TIMEOUT_MS)
        self.page.wait_for_timeout(700)  # let the rest of the turn arrive
        return self.bot_messages.all_text_contents()

    def say(self, text: str) -> List[str]:
        """Types and sends with Enter; returns the bot messages of this turn."""
        before = self.bot_messages.count()
        self.input.fill(text)
        self.input.press("Enter")
        expect(self.user_messages.last).to_have_text(text)
        return self.wait_for_bot(before + 1)[before:]

    def press(self, title: str) -> List[str]:
        before = self.bot_messages.count()
        self.replies.filter(has_text=title).first.click()
        expect(self.user_messages.last).to_have_text(title)
        return self.wait_for_bot(before + 1)[before:]

    def active_element_id(self) -> str:
        return self.page.evaluate(
            "() => { const root = document.querySelector('#reflectie-widget').shadowRoot;"
            " const el = root.activeElement || document.activeElement;"
            " return el ? (el.id || el.className || el.tagName) : ''; }"
        )
