"""Signing in as the case worker, switching language, signing out."""

from selenium.webdriver.common.by import By

from support import (
    demo_password,
    has,
    html_lang,
    open_sign_in_page,
    submit_sign_in,
    text_of,
    wait,
    wait_for_lang,
)

LANGUAGE_SWITCH = "form.language-switch button"


def switch_language(driver, expected_label, then_lang):
    button = driver.find_element(By.CSS_SELECTOR, LANGUAGE_SWITCH)
    assert text_of(button) == expected_label
    button.click()
    wait_for_lang(driver, then_lang)
    assert has(driver, "#sign-out"), "the language switch signed the user out"


def test_case_worker_signs_in_switches_language_and_signs_out(driver, base_url):
    open_sign_in_page(driver)
    assert html_lang(driver) == "bg"
    assert has(driver, 'input[name="username"]')
    assert has(driver, 'input[name="password"]')
    assert has(driver, "#sign-in")

    submit_sign_in(driver, "caseworker", demo_password())
    wait(driver, lambda d: has(d, "#sign-out"), "no #sign-out button after signing in as caseworker")
    assert html_lang(driver) == "bg"

    switch_language(driver, "English", "en")
    switch_language(driver, "Български", "bg")

    driver.find_element(By.ID, "sign-out").click()
    wait(driver, lambda d: has(d, 'input[name="username"]'), "signing out did not lead back to the sign-in page")
    assert has(driver, "#sign-in")
    assert not has(driver, "#sign-out")
    assert html_lang(driver) == "bg"


def test_wrong_password_is_refused_on_the_sign_in_page(driver, base_url):
    open_sign_in_page(driver)
    submit_sign_in(driver, "caseworker", "not-the-password-2026")
    wait(driver, lambda d: has(d, ".error-summary"), "no .error-summary after a wrong password")
    assert driver.find_element(By.CSS_SELECTOR, ".error-summary").is_displayed()
    assert has(driver, 'input[name="username"]'), "left the sign-in page after a wrong password"
    assert has(driver, "#sign-in")
    assert not has(driver, "#sign-out")
    assert html_lang(driver) == "bg"
