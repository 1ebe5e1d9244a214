"""At phone size (390×844): the header collapses, the referral loop works from the centre to the
NGO, the inbox keeps accept and decline on screen, and the support plan prints as a document."""

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import case_pages, sign_in, wait
from test_accessibility import check

PHONE = (390, 844)


def at_phone_size(driver):
    driver.set_window_size(*PHONE)
    width = driver.execute_script("return window.innerWidth")
    assert width <= 400, f"the window is {width} px wide, not a phone's"


def header_height(driver):
    return driver.execute_script("return document.querySelector('.site-header').getBoundingClientRect().height")


def sign_out(driver, base_url):
    driver.delete_all_cookies()
    driver.get(base_url + "/sign-in")


def first_person_with_a_case(driver, base_url):
    driver.get(base_url + "/people")
    people = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "table a[href*='/people/']")]
    for person in people:
        driver.get(person)
        links = driver.find_elements(By.CSS_SELECTOR, "a[href$='/referrals/new']")
        if links:
            return person, links[0].get_attribute("href")
    raise AssertionError("no person on the first page of the demo list has a case to refer")


def test_referral_from_the_centre_to_the_ngo_at_phone_size(driver, base_url):
    at_phone_size(driver)
    sign_in(driver, "caseworker")
    assert header_height(driver) < 160, f"the header takes {header_height(driver)} px of the phone's screen"
    driver.find_element(By.CSS_SELECTOR, ".menu-phone summary").click()
    wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".menu-phone a[href='/referrals']").is_displayed(), "the menu does not open")

    _, form = first_person_with_a_case(driver, base_url)
    driver.get(form)
    check(driver, "the referral form at phone size")
    service = Select(driver.find_element(By.ID, "toServiceId"))
    day_care = [o for o in service.options if o.text.startswith("Дневна грижа за пълнолетни")]
    assert day_care, "the service is not named first in the referral select: " + ", ".join(o.text for o in service.options[:3])
    service.select_by_visible_text(day_care[0].text)
    driver.find_element(By.ID, "reason").send_keys("Дневна грижа три дни седмично")
    Select(driver.find_element(By.ID, "urgency")).select_by_value("soon")
    box = driver.find_element(By.ID, "share-identification")
    assert box.size["height"] >= 24 and box.size["width"] >= 24, f"a check box is {box.size}"
    box.click()
    Select(driver.find_element(By.ID, "consentForm")).select_by_value("written")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/referrals'] button[type='submit']").click()
    wait(driver, lambda d: "/referrals/" in d.current_url, "the referral was not sent")

    sign_out(driver, base_url)
    sign_in(driver, "ngo-caseworker")
    driver.get(base_url + "/referrals?direction=incoming")
    check(driver, "the referral inbox at phone size")
    accept = driver.find_elements(By.XPATH, "//button[normalize-space()='Приеми']")
    assert accept, "no referral to accept in the NGO's inbox"
    for button in (accept[0], driver.find_elements(By.XPATH, "//button[normalize-space()='Откажи']")[0]):
        right = driver.execute_script("return arguments[0].getBoundingClientRect().right", button)
        assert right <= PHONE[0], f"a decision button ends at {right} px, off the phone's screen"
    accept[0].click()
    wait(driver, lambda d: "/people/" in d.current_url, "accepting did not open the person's file at the NGO")


def test_support_plan_prints_as_a_document(driver, base_url):
    at_phone_size(driver)
    sign_in(driver, "caseworker")
    for _, case in case_pages(driver, base_url):
        driver.get(case)
        links = driver.find_elements(By.CSS_SELECTOR, "a[href$='/plan/print']")
        if links:
            driver.get(links[0].get_attribute("href"))
            break
    else:
        raise AssertionError("no person on the first page has a plan to print")
    check(driver, "the printable support plan at phone size")
    assert "Индивидуален план за подкрепа" in driver.find_element(By.TAG_NAME, "h1").text
    assert driver.find_elements(By.CSS_SELECTOR, ".signatures .line"), "no signature lines"
    overflow = driver.execute_script("return document.documentElement.scrollWidth")
    assert overflow <= PHONE[0] + 1, f"the document is {overflow} px wide on a {PHONE[0]} px phone"


def test_case_page_boxes_and_buttons_are_big_enough_to_press(driver, base_url):
    """The closing confirmation beside its long label kept shrinking to 13 px in its row."""
    at_phone_size(driver)
    sign_in(driver, "caseworker")
    for _, case in case_pages(driver, base_url):
        driver.get(case)
        boxes = driver.find_elements(By.CSS_SELECTOR, "input[type='checkbox'][name='confirmClose']")
        if boxes:
            break
    else:
        raise AssertionError("no case on the first page can be closed")
    check(driver, "the case page at phone size")
    for element in boxes + driver.find_elements(By.CSS_SELECTOR, "main button"):
        size = element.size
        assert size["height"] >= 24 and size["width"] >= 24, f"{element.get_attribute('outerHTML')[:80]} is {size}"
