"""Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).parent / "screenshots"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1366, "height": 900}}
# Chromium logs what a policy refused; the page's own event also names the directive.
POLICY_WORDS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("Content-Security-Policy violation: " + event.violatedDirective + " refused "
    + (event.blockedURI || "inline") + " in " + event.sourceFile + ":" + event.lineNumber);
});
"""
# Policy messages of the running test, from every page of every context it opened.
_policy_violations: list[str] = []


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("QINGSHUI_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing: run scripts/ensure-browser.sh")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread, and
    # Django refuses ORM calls from such a thread unless told otherwise. The
    # browser (and this permission) lives for one test module only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        yield from _launch(sync_playwright)
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def _launch(sync_playwright):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        new_context = browser.new_context
        browser.new_context = lambda **options: _watch_policies(new_context(**options))
        yield browser
        browser.close()


def _watch_policies(context):
    context.add_init_script(script=REPORT_VIOLATIONS)

    def on_console(message):
        if any(word in message.text for word in POLICY_WORDS):
            _policy_violations.append(f"{message.location.get('url', '')}: {message.text}")

    context.on("console", on_console)
    return context


@pytest.fixture(autouse=True)
def no_policy_violations():
    """Every browser journey fails if a page broke the Content-Security-Policy or the
    Permissions-Policy: a refused script or style is a broken page for its visitor."""
    _policy_violations.clear()
    yield
    found = list(dict.fromkeys(_policy_violations))
    _policy_violations.clear()
    assert not found, "Refused by the page's policies:\n" + "\n".join(found)


@pytest.fixture(scope="session")
def screenshot_dir():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="zh-CN", **PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(locale="zh-CN", **DESKTOP)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def console_errors():
    """Collects console errors and failed requests of the pages it is attached to."""
    errors = []

    def attach(page):
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    attach.errors = errors
    return attach
