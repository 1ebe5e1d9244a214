"""The centre's manager, in Bulgarian: staff development with who is overdue for supervision, the
assistant pool and the candidates proposed for people who named no assistant; axe-clean at
desktop and phone size."""

from selenium.webdriver.common.by import By

from support import has, sign_in, text_of, wait
from test_accessibility import check

PHONE = (390, 844)


def test_development_pool_and_proposals(driver, base_url):
    sign_in(driver, "manager")
    for path, where in [
        ("/home-care/development", "staff development"),
        ("/home-care/pool", "the assistant pool"),
        ("/home-care/proposals", "the proposals"),
    ]:
        driver.set_window_size(1280, 900)
        driver.get(base_url + path)
        wait(driver, lambda d: has(d, "main h1"), f"no page at {path}")
        check(driver, where)
        driver.set_window_size(*PHONE)
        check(driver, f"{where} at phone size")
    driver.set_window_size(1280, 900)
    driver.get(base_url + "/home-care/development")
    page = text_of(driver.find_element(By.TAG_NAME, "main"))
    assert "супервизия" in page.lower(), "the development page does not speak of supervision"
    driver.get(base_url + "/home-care/proposals")
    assert driver.find_elements(By.CSS_SELECTOR, "main a[href*='/home-care/proposals/']"), "no person has proposals"
