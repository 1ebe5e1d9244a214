"""The workshops of the demo, in Bulgarian: the public pages read without an account, a code
handed out by the facilitator, and a ballot cast through the public page that the results then
count once; every page axe-clean."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import has, sign_in, text_of, wait
from test_accessibility import check

SERIES = "Услуги за хора с увреждания в общината 2027"
OPEN_ROUND = "Разпределете пет точки"


def ballots_counted(driver):
    return int(text_of(driver.find_element(By.ID, "ballots-counted")))


def test_public_pages_are_read_without_an_account(driver, base_url):
    driver.delete_all_cookies()
    driver.get(base_url + "/workshops")
    wait(driver, lambda d: has(d, "h1"), "no public list of workshops")
    check(driver, "the public list of workshops")
    driver.find_element(By.LINK_TEXT, SERIES).click()
    wait(driver, lambda d: has(d, ".easy-read"), "no easy-read summary beside the goal")
    assert "Всеки има един глас" in text_of(driver.find_element(By.CSS_SELECTOR, ".easy-read"))
    assert not has(driver, "#sign-out")
    decisions = text_of(driver.find_element(By.CSS_SELECTOR, "main"))
    assert "в изпълнение" in decisions and "изпълнено" in decisions, "each decision's state is shown"
    check(driver, "the public page of the series")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Протокол").click()
    wait(driver, lambda d: has(d, ".minutes"), "no published minutes")
    assert "Дневен ред" in text_of(driver.find_element(By.CSS_SELECTOR, ".minutes"))
    check(driver, "the published minutes")
    driver.back()
    wait(driver, lambda d: has(d, ".easy-read"), "not back on the series page")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Кои предложения са най-важни").click()
    wait(driver, lambda d: has(d, "#results table"), "no results table of the closed round")
    assert has(driver, "#results svg"), "the results have their chart"
    assert "Борда" in text_of(driver.find_element(By.ID, "results")), "the count is explained"
    check(driver, "the public results of a closed ranking round")


def test_a_participant_votes_through_the_public_page(driver, base_url):
    sign_in(driver, "facilitator")
    driver.get(base_url + "/codesign")
    driver.find_element(By.LINK_TEXT, SERIES).click()
    wait(driver, lambda d: has(d, "#participants"), "no series page for the facilitator")
    check(driver, "the facilitator's series page")
    driver.find_element(By.XPATH, "//summary[contains(., 'Добавяне на участник')]").click()
    driver.find_element(By.ID, "name").send_keys("Стефка Илиева")
    Select(driver.find_element(By.ID, "kind")).select_by_value("familyCarer")
    driver.find_element(By.XPATH, "//button[contains(., 'издаване на код')]").click()
    wait(driver, lambda d: has(d, ".letter-code"), "no code to hand out")
    code = text_of(driver.find_element(By.CSS_SELECTOR, ".letter-code"))

    driver.delete_all_cookies()
    driver.get(base_url + "/workshops/code")
    wait(driver, lambda d: has(d, "#code"), "no code form")
    check(driver, "the public code form")
    driver.find_element(By.ID, "code").send_keys(code.lower())
    driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait(driver, lambda d: has(d, ".easy-read"), "the code did not lead to the series")
    assert "близък, който полага грижи" in text_of(driver.find_element(By.CSS_SELECTOR, "main"))
    driver.find_element(By.PARTIAL_LINK_TEXT, OPEN_ROUND).click()
    wait(driver, lambda d: has(d, "#marks"), "no ballot on the open round")
    before = ballots_counted(driver)
    selects = driver.find_elements(By.CSS_SELECTOR, "#marks select")
    Select(selects[0]).select_by_value("5")
    Select(selects[1]).select_by_value("1")
    driver.find_element(By.XPATH, "//button[contains(., 'Гласувам')]").click()
    wait(driver, lambda d: has(d, ".error-summary"), "six dots out of five were not refused")
    assert "повече точки от позволеното" in text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    check(driver, "a refused ballot")
    selects = driver.find_elements(By.CSS_SELECTOR, "#marks select")
    Select(selects[0]).select_by_value("3")
    Select(selects[1]).select_by_value("2")
    driver.find_element(By.XPATH, "//button[contains(., 'Гласувам')]").click()
    wait(driver, lambda d: has(d, ".flash"), "no confirmation of the ballot")
    assert ballots_counted(driver) == before + 1
    check(driver, "the open round after voting")

    # Changing the ballot replaces it: still one ballot for this participant.
    selects = driver.find_elements(By.CSS_SELECTOR, "#marks select")
    Select(selects[0]).select_by_value("0")
    Select(selects[1]).select_by_value("5")
    driver.find_element(By.XPATH, "//button[contains(., 'Променям гласа си')]").click()
    wait(driver, lambda d: has(d, ".flash") and "Брои се само последният" in text_of(d.find_element(By.CSS_SELECTOR, ".flash")), "no confirmation of the change")
    assert ballots_counted(driver) == before + 1
