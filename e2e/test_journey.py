"""The whole journey of a case in Bulgarian, at desktop and at phone size, axe-clean on every page:
register a person, open an intake, assess, agree a plan, refer to the NGO, accept there, print."""

import random

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import base_url, has, sign_in, text_of, wait
from test_accessibility import check

SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
EGN_WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3, 6)


def new_egn(rng):
    """A valid ЕГН of a woman born in the 1940s, different on every run."""
    digits = f"{rng.randint(40, 49):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 99):02d}{rng.randrange(1, 10, 2)}"
    check_digit = sum(int(d) * w for d, w in zip(digits, EGN_WEIGHTS)) % 11 % 10
    return digits + str(check_digit)


def set_value(driver, element_id, value):
    driver.execute_script("document.getElementById(arguments[0]).value = arguments[1];", element_id, value)


def choose_first(select_element):
    select = Select(select_element)
    option = next(o for o in select.options if o.get_attribute("value"))
    select.select_by_value(option.get_attribute("value"))


def submit(driver, form_css, expect, message):
    driver.find_element(By.CSS_SELECTOR, form_css + " button[type='submit']").click()
    wait(driver, lambda d: expect(d) or has(d, ".error-summary"), message)
    assert not has(driver, ".error-summary"), text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))


def move(driver, case_url, stage, reason):
    driver.get(case_url)
    form = "form[action$='/transitions']"
    Select(driver.find_element(By.CSS_SELECTOR, form + " select[name='to']")).select_by_value(stage)
    driver.find_element(By.CSS_SELECTOR, form + " input[name='reason']").send_keys(reason)
    submit(driver, form, lambda d: has(d, "div.flash"), f"no answer to the move to {stage}")


@pytest.mark.parametrize("size", SIZES)
def test_a_case_from_registration_to_the_ngo_and_the_printed_plan(driver, size):
    driver.set_window_size(*SIZES[size])
    rng = random.Random()
    family = rng.choice(["Петрова", "Илиева", "Стоянова", "Георгиева"])
    given = rng.choice(["Стефка", "Радка", "Цветана", "Йорданка"])
    sign_in(driver, "caseworker")

    driver.get(base_url() + "/people/new")
    check(driver, f"the registration form ({size})")
    driver.find_element(By.ID, "givenName").send_keys(given)
    driver.find_element(By.ID, "familyName").send_keys(family)
    driver.find_element(By.ID, "identifier").send_keys(new_egn(rng))
    choose_first(driver.find_element(By.ID, "settlementEkatte"))
    submit(driver, "form[action='/people']", lambda d: "/people/" in d.current_url and has(d, "div.flash"), "not registered")
    if has(driver, "input[name='confirmDuplicate']"):
        submit(driver, "form[action='/people']", lambda d: has(d, "div.flash"), "not registered after confirming")
    check(driver, f"the person's file ({size})")

    choose_first(driver.find_element(By.ID, "referralSource"))
    choose_first(driver.find_element(By.ID, "legalBasis"))
    driver.find_element(By.ID, "request").send_keys("Иска да остане у дома, с помощ за пазаруване")
    submit(driver, "form[action$='/cases']", lambda d: "/cases/" in d.current_url, "the intake did not open a case page")
    case_url = driver.current_url.split("?")[0]
    check(driver, f"the case page ({size})")
    assert has(driver, "h1"), "the case page has no heading"

    move(driver, case_url, "assessment", "Първо посещение у дома")
    driver.get(case_url + "/assessment")
    check(driver, f"the assessment form ({size})")
    for select in driver.find_elements(By.CSS_SELECTOR, "select[name^='barthel['], select[name^='lawton[']"):
        options = [o for o in Select(select).options if o.get_attribute("value")]
        Select(select).select_by_value(options[-1].get_attribute("value"))
    choose_first(driver.find_element(By.ID, "dependenceDegree"))
    submit(driver, "form[action$='/assessment']", lambda d: has(d, "button[value='sign']"), "no summary before signing")
    check(driver, f"the assessment summary ({size})")
    driver.find_element(By.CSS_SELECTOR, "button[value='sign']").click()
    wait(driver, lambda d: has(d, "div.flash") or has(d, ".error-summary"), "the assessment was not signed")
    assert not has(driver, ".error-summary"), text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))

    move(driver, case_url, "plan", "Оценката е готова")
    driver.get(case_url + "/plan")
    check(driver, f"the plan form ({size})")
    row = "services[0]"
    services = Select(driver.find_element(By.CSS_SELECTOR, f"select[name='{row}[service]']"))
    option = next(o for o in services.options if o.get_attribute("value") and "Информиране" in text_of(o))
    services.select_by_value(option.get_attribute("value"))
    driver.find_element(By.CSS_SELECTOR, f"input[name='{row}[days][]'][value='tuesday']").click()
    set_value(driver, "from-0", "10:00")
    set_value(driver, "until-0", "11:00")
    driver.find_element(By.ID, "goals").send_keys("Да пазарува сама с придружител")
    set_value(driver, "start", "2026-12-07")
    set_value(driver, "review", "2027-06-07")
    driver.find_element(By.ID, "agreedBy").send_keys(f"{given} {family} и социалният работник")
    driver.find_element(By.CSS_SELECTOR, "form button.primary").click()
    wait(driver, lambda d: d.current_url.split("?")[0] == case_url or has(d, ".error-summary"), "no answer to the plan")
    assert not has(driver, ".error-summary"), text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))

    driver.get(case_url + "/referrals/new")
    check(driver, f"the referral form ({size})")
    service = Select(driver.find_element(By.ID, "toServiceId"))
    day_care = next(o for o in service.options if o.text.startswith("Дневна грижа за пълнолетни"))
    service.select_by_visible_text(day_care.text)
    driver.find_element(By.ID, "reason").send_keys("Дневна грижа три дни седмично")
    Select(driver.find_element(By.ID, "urgency")).select_by_value("soon")
    driver.find_element(By.ID, "share-identification").click()
    Select(driver.find_element(By.ID, "consentForm")).select_by_value("written")
    driver.find_element(By.CSS_SELECTOR, "form[action$='/referrals'] button[type='submit']").click()
    wait(driver, lambda d: "/referrals/" in d.current_url or has(d, ".error-summary"), "the referral was not sent")
    assert not has(driver, ".error-summary"), text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    referral = driver.current_url.split("?")[0]

    sign_in(driver, "ngo-caseworker")
    driver.get(base_url() + "/referrals?direction=incoming")
    check(driver, f"the NGO's inbox ({size})")
    assert has(driver, f"a[href='{referral.replace(base_url(), '')}']"), "the referral is not in the NGO's incoming list"
    driver.get(referral)
    assert given in text_of(driver.find_element(By.TAG_NAME, "main")), "the NGO does not see the name it was given"
    check(driver, f"the referral as the NGO sees it ({size})")
    driver.find_element(By.XPATH, "//button[normalize-space()='Приеми']").click()
    wait(driver, lambda d: "/people/" in d.current_url, "accepting did not open the person's file at the NGO")
    assert family in driver.find_element(By.TAG_NAME, "h1").text
    check(driver, f"the person's file at the NGO ({size})")

    sign_in(driver, "caseworker")
    driver.get(case_url)
    driver.find_element(By.CSS_SELECTOR, "a[href$='/plan/print']").click()
    wait(driver, lambda d: "/plan/print" in d.current_url, "the plan does not print")
    assert "Индивидуален план за подкрепа" in driver.find_element(By.TAG_NAME, "h1").text
    assert family in text_of(driver.find_element(By.TAG_NAME, "main"))
    assert driver.find_elements(By.CSS_SELECTOR, ".signatures .line"), "no signature lines"
    check(driver, f"the printed plan ({size})")
