"""axe-core on the sign-in page and on each demo role's home page: no serious or critical violation."""

import pytest

from support import ROLES, describe_violations, open_sign_in_page, run_axe, sign_in

BLOCKING = {"serious", "critical"}


def check(driver, where):
    violations = run_axe(driver)
    if violations:
        print(f"axe-core on {where} ({driver.current_url}):\n{describe_violations(violations)}")
    blocking = [v for v in violations if v.get("impact") in BLOCKING]
    assert not blocking, f"serious or critical accessibility violations on {where}:\n{describe_violations(blocking)}"


def test_sign_in_page(driver, base_url):
    open_sign_in_page(driver)
    check(driver, "the sign-in page")


@pytest.mark.parametrize("username", ROLES)
def test_home_page_of_each_role(driver, base_url, username):
    sign_in(driver, username)
    driver.get(base_url + "/")
    check(driver, f"the home page of {username}")


def test_case_worker_pages(driver, base_url):
    """The people list, a person's file with its chart and forms, and the referral inbox."""
    sign_in(driver, "caseworker")
    driver.get(base_url + "/people")
    check(driver, "the people list")
    links = [a.get_attribute("href") for a in driver.find_elements("css selector", "table a[href*='/people/']")]
    assert links, "the demo's people are listed for the case worker"
    driver.get(links[0])
    assert driver.find_element("css selector", "html").get_attribute("lang") == "bg"
    check(driver, "a person's file")
    driver.get(base_url + "/referrals")
    check(driver, "the referral inbox")
    driver.get(base_url + "/people/new")
    check(driver, "the registration form")
