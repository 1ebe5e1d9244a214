"""The person's own page on a phone (390×844), in Bulgarian: the demo service user's plan, week,
requests and data, a request that is refused kindly and one that is sent, the representative's
view of their ward, and the way in by code, which refuses a wrong code; every page axe-clean."""

from selenium.webdriver.common.by import By

from support import has, sign_in, text_of, wait
from test_accessibility import check

PHONE = (390, 844)


def test_person_sees_plan_week_requests_and_data(driver, base_url):
    driver.set_window_size(*PHONE)
    sign_in(driver, "person")
    for path, heading in [
        ("/my", "Моята страница"),
        ("/my/plan", "Моят план"),
        ("/my/week", "Моята седмица"),
        ("/my/requests", "Моите молби"),
        ("/my/data", "Моите данни"),
    ]:
        driver.get(base_url + path)
        wait(driver, lambda d: has(d, "h1"), f"no heading on {path}")
        assert text_of(driver.find_element(By.CSS_SELECTOR, "h1")) == heading
        check(driver, f"the service user's {path} at phone size")
    driver.get(base_url + "/my/plan")
    assert has(driver, ".plan-service"), "the plan in force lists the services the person chose"

    # A request without saying what is wanted is refused beside its field, and nothing is sent.
    driver.get(base_url + "/my/requests")
    driver.find_element(By.ID, "kind-newNeed").click()
    driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait(driver, lambda d: has(d, ".error-summary"), "no summary of the refusal")
    assert "Напишете с няколко думи" in text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    check(driver, "a refused request")
    driver.find_element(By.ID, "kind-newNeed").click()
    driver.find_element(By.ID, "text").send_keys("Помощ с пазаруването в петък")
    driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait(driver, lambda d: has(d, ".flash"), "no confirmation of the request")
    assert "Помощ с пазаруването в петък" in text_of(driver.find_element(By.CSS_SELECTOR, "main"))
    assert "Чака отговор" in text_of(driver.find_element(By.CSS_SELECTOR, "main"))


def test_representative_sees_the_ward(driver, base_url):
    driver.set_window_size(*PHONE)
    sign_in(driver, "representative")
    driver.get(base_url + "/my")
    wait(driver, lambda d: has(d, "h1"), "no own page for the representative")
    assert "законен представител" in text_of(driver.find_element(By.CSS_SELECTOR, "main"))
    check(driver, "the representative's page at phone size")


def test_wrong_code_is_refused_kindly(driver, base_url):
    driver.set_window_size(*PHONE)
    driver.delete_all_cookies()
    driver.get(base_url + "/my/code")
    wait(driver, lambda d: has(d, "#code"), "no code form")
    check(driver, "the code page at phone size")
    driver.find_element(By.ID, "code").send_keys("ACDE-FGHJ-KMNP")
    driver.find_element(By.ID, "mode-codes").click()
    driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait(driver, lambda d: has(d, ".error-summary"), "no refusal of a wrong code")
    assert "Не намираме този код" in text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    check(driver, "a refused code")
