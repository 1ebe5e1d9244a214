"""Browser-test fixtures: Debian's chromium driven by Selenium, screenshots of failures."""

import os
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

import support

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("E2E_CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps each phase's report on the test item so fixtures can tell whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


@pytest.fixture(scope="session")
def base_url():
    url = support.base_url()
    try:
        with urllib.request.urlopen(url + "/healthz", timeout=5) as response:
            if response.status != 200:
                pytest.exit(f"{url}/healthz answered {response.status}", returncode=1)
    except (urllib.error.URLError, OSError) as error:
        pytest.exit(
            f"no Opora server at {url} ({error}); start one (see e2e/README.md) or run scripts/test.sh",
            returncode=1,
        )
    return url


def _screenshot_name(nodename):
    return re.sub(r"[^\w.-]+", "_", nodename).strip("_") or "test"


@pytest.fixture
def driver(request, base_url):
    options = Options()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900"):
        options.add_argument(argument)
    browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    browser.set_window_size(1280, 900)
    try:
        yield browser
    finally:
        report = getattr(request.node, "rep_call", None)
        if report is not None and report.failed:
            SCREENSHOTS.mkdir(exist_ok=True)
            name = _screenshot_name(request.node.name)
            try:
                browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))
                (SCREENSHOTS / f"{name}.html").write_text(browser.page_source, encoding="utf-8")
                print(f"\nscreenshot of the failure: e2e/screenshots/{name}.png (page at {browser.current_url})")
            except Exception as error:  # the browser may be gone; the test failure matters more
                print(f"\ncould not save a screenshot: {error}")
        browser.quit()
