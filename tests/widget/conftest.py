"""Browser and server fixtures for the widget tests (Debian's Chromium, never downloaded)."""
import os
from pathlib import Path

import pytest

from tests.servers import fake_bot_api, rasa_server, scripted_server  # noqa: F401 (fixtures)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]
WIDGET_BUNDLE = Path(__file__).resolve().parents[2] / "widget" / "dist" / "widget.js"
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="package")
def browser():
    """Chromium for the widget tests; closed after them, because Playwright's sync API keeps an
    event loop running in this thread (asyncio.run in later tests would fail)."""
    if not CHROMIUM.exists():
        message = "Chromium missing: apt-get install chromium (never download a browser)"
        if os.environ.get("REQUIRE_CHROMIUM") == "1":
            pytest.fail(message)
        pytest.skip(message)
    if not WIDGET_BUNDLE.exists():
        pytest.fail("Widget not built: cd widget && npm ci && npm run build")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="nl-NL")
    page = context.new_page()
    page.dialogs = []  # any alert() would mean injected HTML ran
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
