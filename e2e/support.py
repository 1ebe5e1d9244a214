"""Helpers shared by the browser tests."""

import json
import os
from pathlib import Path

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

# Sign-in checks a bcrypt hash; a debug build of the server is slow at that.
TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "30"))

ROLES = [
    "admin", "planner", "inspector", "director", "manager", "coordinator", "caseworker", "careworker", "facilitator",
    "outreach", "outreach-coordinator",
]

SIGN_IN_PATH = "/sign-in"


def base_url():
    return os.environ.get("E2E_BASE_URL", "http://127.0.0.1:8089").rstrip("/")


def demo_password():
    return os.environ.get("OPORA_DEMO_PASSWORD") or "opora-demo-2026"


def wait(driver, condition, message, timeout=TIMEOUT):
    return WebDriverWait(
        driver, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)
    ).until(condition, message)


def html_lang(driver):
    return driver.find_element(By.TAG_NAME, "html").get_attribute("lang")


def wait_for_lang(driver, lang):
    wait(driver, lambda d: html_lang(d) == lang, f'expected <html lang="{lang}"> at {driver.current_url}')


def has(driver, css):
    return len(driver.find_elements(By.CSS_SELECTOR, css)) > 0


def text_of(element):
    return " ".join((element.get_attribute("textContent") or "").split())


def open_sign_in_page(driver):
    """Opens the sign-in page with no session and no language cookie."""
    driver.get(base_url() + SIGN_IN_PATH)
    driver.delete_all_cookies()
    driver.get(base_url() + SIGN_IN_PATH)
    wait(driver, lambda d: has(d, 'input[name="username"]'), f"no sign-in form at {driver.current_url}")


def submit_sign_in(driver, username, password):
    field = driver.find_element(By.NAME, "username")
    field.clear()
    field.send_keys(username)
    field = driver.find_element(By.NAME, "password")
    field.clear()
    field.send_keys(password)
    driver.find_element(By.ID, "sign-in").click()


def sign_in(driver, username, password=None):
    """Signs out (by deleting the cookies) and signs in as `username`; waits for the signed-in page."""
    open_sign_in_page(driver)
    submit_sign_in(driver, username, password or demo_password())
    wait(
        driver,
        lambda d: has(d, "#sign-out") or has(d, ".error-summary"),
        f"neither signed in nor refused as {username} at {driver.current_url}",
    )
    if not has(driver, "#sign-out"):
        summary = text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
        raise AssertionError(f"could not sign in as {username}: {summary}")


# ---------------------------------------------------------------------------------------------
# axe-core, injected from the copy that the axe-playwright-python wheel ships (no network).

_axe_source = None


def axe_source():
    global _axe_source
    if _axe_source is None:
        path = None
        try:
            from importlib.resources import files

            candidate = files("axe_playwright_python").joinpath("axe.min.js")
            if candidate.is_file():
                path = Path(str(candidate))
        except (ImportError, ModuleNotFoundError, TypeError):
            path = None
        if path is None:
            import importlib.util

            spec = importlib.util.find_spec("axe_playwright_python")
            if spec is None or not spec.submodule_search_locations:
                raise RuntimeError("axe-playwright-python is not installed (pip install axe-playwright-python)")
            found = sorted(Path(next(iter(spec.submodule_search_locations))).rglob("axe*.min.js"))
            if not found:
                raise RuntimeError("no axe.min.js inside the axe_playwright_python package")
            path = found[0]
        _axe_source = path.read_text(encoding="utf-8")
    return _axe_source


def run_axe(driver):
    """Runs axe-core on the current page and returns its violations."""
    driver.execute_script(axe_source())
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        window.axe.run(document, arguments[0])
            .then(r => done({violations: r.violations}))
            .catch(e => done({error: String(e)}));
        """,
        {"resultTypes": ["violations"]},
    )
    if result.get("error"):
        raise RuntimeError("axe-core failed: " + result["error"])
    return result["violations"]


def describe_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"[{violation.get('impact')}] {violation['id']}: {violation['help']} ({violation.get('helpUrl', '')})")
        for node in violation.get("nodes", []):
            lines.append(f"    at {json.dumps(node.get('target'))}: {node.get('html', '')[:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " | ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


def case_pages(driver, base_url):
    """The case pages of the people on the first page of the list, in the list's order."""
    driver.get(base_url + "/people")
    people = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "table a[href*='/people/']")]
    for person in people:
        driver.get(person)
        cases = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "h3 a[href*='/cases/']")]
        for case in cases:
            yield person, case
