"""The manager's month in Bulgarian: hours against plans and grants, timesheets, the printable
report of one person and the indicators with their charts; axe-clean at desktop and phone size."""

from selenium.webdriver.common.by import By

from support import has, sign_in, text_of
from test_accessibility import check


def test_hours_timesheets_report_and_indicators(driver, base_url):
    sign_in(driver, "manager")
    driver.get(base_url + "/home-care/hours")
    assert "Часове спрямо плана" in text_of(driver.find_element(By.TAG_NAME, "h1"))
    assert has(driver, "#people table"), "the demo's published week gives a list per person"
    assert has(driver, "#entitlements"), "personal assistance against the grants is listed"
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "#people tbody th a")]
    assert links, "each person links to a printable report"
    check(driver, "the month's hours")
    driver.set_window_size(390, 844)
    check(driver, "the month's hours at phone size")
    driver.set_window_size(1280, 900)

    driver.get(links[0])
    assert "Месечна справка за предоставените услуги" in text_of(driver.find_element(By.TAG_NAME, "h1"))
    assert has(driver, ".signatures")
    check(driver, "a person's printable monthly report")

    driver.get(base_url + "/home-care/hours/timesheets")
    assert "Извънреден труд (ч)" in driver.page_source
    check(driver, "the month's timesheets")

    driver.get(base_url + "/home-care/indicators")
    assert len(driver.find_elements(By.CSS_SELECTOR, "svg.chart")) >= 5
    assert has(driver, "section#jobs table"), "jobs held by formerly unemployed assistants are counted"
    check(driver, "the indicators")
    driver.set_window_size(390, 844)
    check(driver, "the indicators at phone size")
