"""A case worker adds a second service to a person's support plan in the browser."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import case_pages, has, sign_in, text_of, wait
from test_accessibility import check

SERVICE_ROWS = "fieldset.plan-service"


def open_a_plan(driver, base_url):
    """The first case of a person on the list whose page offers the plan form, and that form."""
    for _, case in case_pages(driver, base_url):
        driver.get(case)
        links = driver.find_elements(By.CSS_SELECTOR, "a[href$='/plan']")
        if links:
            driver.get(links[0].get_attribute("href"))
            return case
    raise AssertionError("no person on the first page of the demo list has a case ready for a plan")


def set_value(driver, element_id, value):
    """Date and time inputs ignore typed text in some locales: set the value the form submits."""
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1];", element_id, value)


def test_case_worker_adds_a_second_service_to_a_plan(driver, base_url):
    sign_in(driver, "caseworker")
    case = open_a_plan(driver, base_url)
    check(driver, "the support-plan form")
    before = len(driver.find_elements(By.CSS_SELECTOR, SERVICE_ROWS))

    driver.find_element(By.CSS_SELECTOR, "button[name='addService']").click()
    wait(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, SERVICE_ROWS)) == before + 1, "no new service row after 'add a service'")

    rows = driver.find_elements(By.CSS_SELECTOR, SERVICE_ROWS)
    chosen = {Select(row.find_element(By.CSS_SELECTOR, "select[name$='[service]']")).first_selected_option.get_attribute("value") for row in rows[:-1]}
    new_row = rows[-1]
    services = Select(new_row.find_element(By.CSS_SELECTOR, "select[name$='[service]']"))
    # Not an assistant-support service: those count against a personal-assistance grant's monthly hours.
    option = next(o for o in services.options
                  if o.get_attribute("value") and o.get_attribute("value") not in chosen and "асистент" not in text_of(o).lower())
    label = text_of(option).split(": ", 1)[1]
    services.select_by_value(option.get_attribute("value"))
    new_row.find_element(By.CSS_SELECTOR, "input[name$='[days][]'][value='wednesday']").click()
    index = before
    for field, value in (("from", "10:00"), ("until", "11:30")):
        set_value(driver, f"{field}-{index}", value)
    if not driver.find_element(By.ID, "goals").get_attribute("value").strip():
        driver.find_element(By.ID, "goals").send_keys("Да излиза от вкъщи всяка седмица")
    for field, value in (("start", "2026-12-01"), ("review", "2027-06-01")):
        if not driver.find_element(By.ID, field).get_attribute("value"):
            set_value(driver, field, value)
    agreed = driver.find_element(By.ID, "agreedBy")
    if not agreed.get_attribute("value"):
        agreed.send_keys("Човекът и социалният работник")

    driver.find_element(By.CSS_SELECTOR, "form button.primary").click()
    wait(driver, lambda d: d.current_url.rstrip("/") == case.rstrip("/") or has(d, ".error-summary"), "no answer to saving the plan")
    assert not has(driver, ".error-summary"), text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    assert has(driver, "div.flash"), "no confirmation after saving the plan"
    listed = [text_of(li) for li in driver.find_elements(By.CSS_SELECTOR, "div.plan li")]
    assert any(item.startswith(label) and "сряда" in item and "10:00–11:30" in item for item in listed), listed
