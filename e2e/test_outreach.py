"""Door to door on a phone (390×844), in Bulgarian: the outreach worker logs a contact in an
entrance assigned to her with the network switched off, the entry waits on the phone and is sent
by itself once the network is back, recorded once; the neighbourhood's schematic and table show
the entrance's last visit; a flat that does not exist is refused with the field named; axe-clean."""

import random
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import has, sign_in, text_of, wait
from test_accessibility import check
from test_visits import PHONE, network


def fill_contact(driver, flat, met):
    """Fills the form for the first entrance on the list; `flat` is a number, or None for the
    entrance's second flat (the label gives the entrance's range of flats)."""
    entrance = Select(driver.find_element(By.ID, "entrance"))
    entrance.select_by_index(1)
    if flat is None:
        first = re.search(r"(\d+)–\d+\)", entrance.first_selected_option.text).group(1)
        flat = str(int(first) + 1)
    flat_box = driver.find_element(By.ID, "flat")
    flat_box.clear()
    flat_box.send_keys(flat)
    Select(driver.find_element(By.ID, "purpose")).select_by_value("trust")
    driver.find_element(By.ID, "met").send_keys(met)
    driver.find_element(By.ID, "wants").send_keys("„Искаме детето да ходи на детска градина.“")
    return entrance.first_selected_option.text


def test_contact_offline_and_sync(driver, base_url):
    driver.set_window_size(*PHONE)
    sign_in(driver, "outreach4")
    driver.get(base_url + "/outreach/door")
    wait(driver, lambda d: has(d, "#entrance"), "no contact form on the door page")
    check(driver, "the door-to-door page at phone size")
    driver.execute_async_script(
        "var done = arguments[0]; navigator.serviceWorker.ready.then(function () { done(true); });"
    )
    driver.get(base_url + "/outreach/door")
    wait(
        driver,
        lambda d: d.execute_script("return !!navigator.serviceWorker.controller"),
        "the service worker does not control the door page",
    )

    # A flat beyond the entrance is refused by the server with the field's message, shown on the phone.
    fill_contact(driver, "999", "мъж около 60")
    driver.find_element(By.CSS_SELECTOR, "form[data-outbox] button[type=submit]").click()
    wait(
        driver,
        lambda d: "няма такъв апартамент" in text_of(d.find_element(By.ID, "outbox-list")),
        "the impossible flat was not refused with its reason",
    )
    check(driver, "the refused contact")

    driver.get(base_url + "/outreach/door")
    wait(driver, lambda d: has(d, "#entrance"), "no contact form on the door page")
    # A description of this run's own, so that the contact is found once among earlier runs'.
    met = "жена около 35, две деца, " + "".join(random.choices("абвгдежзиклмн", k=6))
    network(driver, online=False)
    try:
        wait(driver, lambda d: d.execute_script("return navigator.onLine === false"), "the browser still thinks it is online")
        place = fill_contact(driver, None, met)
        driver.find_element(By.CSS_SELECTOR, "form[data-outbox] button[type=submit]").click()
        wait(driver, lambda d: d.find_element(By.ID, "outbox").is_displayed(), "the contact did not wait in the outbox")
        assert "чака изпращане" in text_of(driver.find_element(By.ID, "outbox-list"))
        assert driver.find_element(By.ID, "flat").get_attribute("value") == "", "the form did not start empty again"

        driver.get(base_url + "/outreach/door")
        wait(driver, lambda d: has(d, "#entrance"), "the door page is not kept for offline use")
        wait(driver, lambda d: "чака изпращане" in text_of(d.find_element(By.ID, "outbox-list")), "the outbox was lost")
    finally:
        network(driver, online=True)

    wait(
        driver,
        lambda d: d.execute_script("return (JSON.parse(localStorage.getItem('opora.outbox') || '[]')).length") == 0,
        "the outbox was not sent when the network came back",
    )
    wait(
        driver,
        lambda d: met in text_of(d.find_element(By.ID, "recent-contacts")),
        "the contact is not among the worker's recent ones after syncing",
    )
    assert text_of(driver.find_element(By.ID, "recent-contacts")).count(met) == 1
    check(driver, "the door page after syncing")

    driver.get(base_url + "/outreach/my-time")
    wait(driver, lambda d: has(d, "table"), "no contact time this month")
    check(driver, "the worker's contact time")

    driver.get(base_url + "/outreach")
    driver.find_element(By.LINK_TEXT, "кв. „Факултета“").click()
    wait(driver, lambda d: has(d, "svg.chart"), "no schematic of the neighbourhood")
    block, entrance = place.split(", ")[1:3]
    rows = [text_of(r) for r in driver.find_elements(By.CSS_SELECTOR, "#entrances ~ div table tbody tr, table tbody tr")]
    assert any(block in r and entrance.split(" ")[0] in r and "Росица Петрова" in r for r in rows), rows
    check(driver, "the neighbourhood at phone size")


def test_coordinator_assigns_a_worker_to_an_entrance(driver, base_url):
    sign_in(driver, "outreach-coordinator")
    driver.get(base_url + "/outreach")
    driver.find_element(By.LINK_TEXT, "кв. „Факултета“").click()
    wait(driver, lambda d: has(d, "svg.chart"), "no schematic of the neighbourhood")
    check(driver, "the neighbourhood with the coordinator's assignment forms")
    rows = driver.find_elements(By.CSS_SELECTOR, "table tbody tr")
    cells = lambda r: [text_of(c) for c in r.find_elements(By.CSS_SELECTOR, "td")][:2]
    free = [r for r in rows if cells(r) == ["бл. 8", "Б"]]
    assert free, [text_of(r) for r in rows]
    entrance = free[0].get_attribute("id").removeprefix("entrance-")
    choose = driver.find_elements(By.ID, "worker-" + entrance)
    if not choose:
        return  # an earlier run assigned every worker of the team here
    Select(choose[0]).select_by_index(1)
    worker = Select(choose[0]).first_selected_option.text
    choose[0].find_element(By.XPATH, "ancestor::form").find_element(By.CSS_SELECTOR, "button").click()
    wait(
        driver,
        lambda d: worker in text_of(d.find_element(By.ID, "entrance-" + entrance)),
        "the worker is not shown on the entrance after assigning",
    )
    check(driver, "the neighbourhood after assigning")
