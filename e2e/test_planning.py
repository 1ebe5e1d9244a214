"""Regional planning and quality, in Bulgarian, as the demo's planner, inspector and director and as
a visitor with no account: the register, needs against capacity with its map, a monitoring visit
that cannot close with an open recommendation, and the public catalogue of good practices;
axe-clean at desktop and phone size."""

from selenium.webdriver.common.by import By

from support import has, sign_in, text_of, wait
from test_accessibility import check

PHONE = (390, 844)


def visit_pages(driver, base_url, pages):
    for path, where in pages:
        driver.set_window_size(1280, 900)
        driver.get(base_url + path)
        wait(driver, lambda d: has(d, "main h1"), f"no page at {path}")
        check(driver, where)
        driver.set_window_size(*PHONE)
        check(driver, f"{where} at phone size")
    driver.set_window_size(1280, 900)


def test_planner_sees_the_oblast(driver, base_url):
    sign_in(driver, "planner")
    visit_pages(driver, base_url, [("/planning/needs", "needs against capacity"), ("/planning/register", "the register")])
    driver.get(base_url + "/planning/needs")
    rows = driver.find_elements(By.CSS_SELECTOR, "#needs-municipalities tbody tr")
    assert len(rows) == 9, f"the oblast has nine municipalities, the table shows {len(rows)}"
    assert driver.find_elements(By.CSS_SELECTOR, "main svg circle"), "the map draws no settlement"
    assert "(ползващи услугата) / (население на общината" in text_of(driver.find_element(By.ID, "definitions"))
    kyustendil = text_of(driver.find_element(By.ID, "m-KNL29"))
    assert "недостиг" in kyustendil, f"Кюстендил shows no gap: {kyustendil}"
    driver.get(base_url + "/planning/needs?year=2025")
    assert "няма данни" in text_of(driver.find_element(By.ID, "m-KNL29")), "another year shows figures"


def test_inspector_cannot_close_a_visit_with_open_recommendations(driver, base_url):
    sign_in(driver, "inspector")
    visit_pages(driver, base_url, [("/planning/visits", "the monitoring visits")])
    driver.find_element(By.CSS_SELECTOR, "#visits tbody tr.warning a").click()
    wait(driver, lambda d: has(d, "form#close"), "the open visit has no closing form")
    visit_url = driver.current_url.split("#")[0]
    check(driver, "a monitoring visit")
    driver.find_element(By.CSS_SELECTOR, "form#close button").click()
    wait(driver, lambda d: has(d, ".error-summary"), "closing with open recommendations was not refused")
    assert "отворени препоръки" in text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    check(driver, "the refused closing")
    driver.get(visit_url + "/report")
    wait(driver, lambda d: has(d, "article.document"), "no printable report")
    check(driver, "the visit report")


def test_director_sees_her_municipality_only(driver, base_url):
    sign_in(driver, "director")
    visit_pages(driver, base_url, [("/planning/needs", "the director's needs")])
    rows = driver.find_elements(By.CSS_SELECTOR, "#needs-municipalities tbody tr")
    assert [row.get_attribute("id") for row in rows] == ["m-KNL29"]


def test_visitor_searches_the_catalogue_without_an_account(driver, base_url):
    driver.delete_all_cookies()
    visit_pages(driver, base_url, [("/practices?q=%D0%A0%D1%83%D1%81%D0%B5", "the good practices")])
    assert "Комплекс за социални услуги за деца и семейства" in text_of(driver.find_element(By.TAG_NAME, "main"))
    driver.find_element(By.CSS_SELECTOR, "ul.practices a").click()
    wait(driver, lambda d: has(d, "#transfers"), "no practice page")
    check(driver, "a good practice")
    assert "Дупница" in text_of(driver.find_element(By.TAG_NAME, "main"))
