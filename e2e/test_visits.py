"""The care worker's day on a phone (390×844), in Bulgarian: today's visits with the address and a
map link, checking in with the network switched off, the record waiting on the phone, and sent by
itself once the network is back, recorded once; axe-clean."""

import pytest
from selenium.webdriver.common.by import By

from support import has, sign_in, text_of, wait
from test_accessibility import check

PHONE = (390, 844)


def network(driver, online):
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd(
        "Network.emulateNetworkConditions",
        {"offline": not online, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
    )


def first_open_visit(driver):
    for card in driver.find_elements(By.CSS_SELECTOR, "article.visit"):
        buttons = [b for b in card.find_elements(By.CSS_SELECTOR, "form button") if text_of(b) == "Пристигнах"]
        if buttons and buttons[0].is_displayed():
            return card.get_attribute("data-visit"), buttons[0]
    return None, None


def test_check_in_offline_and_sync(driver, base_url):
    driver.set_window_size(*PHONE)
    sign_in(driver, "careworker")
    driver.get(base_url + "/home-care/my-day")
    wait(driver, lambda d: has(d, "#my-day"), "no day page")
    if not has(driver, "article.visit"):
        pytest.skip("the demo's care worker has no visits today (a weekend)")
    check(driver, "the care worker's day at phone size")
    first = driver.find_element(By.CSS_SELECTOR, "article.visit")
    assert "geo:" in first.find_element(By.CSS_SELECTOR, ".visit-address a").get_attribute("href")

    # The page is kept on the phone once the service worker controls it.
    driver.execute_async_script(
        "var done = arguments[0]; navigator.serviceWorker.ready.then(function () { done(true); });"
    )
    driver.get(base_url + "/home-care/my-day")
    wait(
        driver,
        lambda d: d.execute_script("return !!navigator.serviceWorker.controller"),
        "the service worker does not control the day page",
    )

    visit, button = first_open_visit(driver)
    assert visit, "no visit left to check in to today"
    # Each page the server renders gives its forms new ids; the phone's kept copy has these.
    rendered = driver.execute_script(
        "return Array.from(document.querySelectorAll('input[name=clientId]')).map(function (i) { return i.value; })"
    )
    network(driver, online=False)
    try:
        wait(driver, lambda d: d.execute_script("return navigator.onLine === false"), "the browser still thinks it is online")
        button.click()
        wait(driver, lambda d: d.find_element(By.ID, "outbox").is_displayed(), "the check-in did not wait in the outbox")
        assert "чака изпращане" in text_of(driver.find_element(By.ID, "outbox-list"))
        assert len(driver.execute_script("return JSON.parse(localStorage.getItem('opora.outbox'))")) == 1

        # Reopened without a network, the day comes from the phone, with the record still waiting.
        driver.get(base_url + "/home-care/my-day")
        wait(driver, lambda d: has(d, "#my-day"), "the day page is not kept for offline use")
        wait(driver, lambda d: "чака изпращане" in text_of(d.find_element(By.ID, "outbox-list")), "the outbox was lost")
        kept = driver.execute_script(
            "return Array.from(document.querySelectorAll('input[name=clientId]')).map(function (i) { return i.value; })"
        )
        assert kept[1:] == rendered[1:], "the day offline did not come from the phone's copy"
        card = driver.find_element(By.CSS_SELECTOR, f'article[data-visit="{visit}"]')
        assert "чака изпращане" in text_of(card.find_element(By.CSS_SELECTOR, "[data-state]"))
    finally:
        network(driver, online=True)

    # Back online: the outbox is sent by itself and the page shows the server's record.
    wait(
        driver,
        lambda d: d.execute_script("return (JSON.parse(localStorage.getItem('opora.outbox') || '[]')).length") == 0,
        "the outbox was not sent when the network came back",
    )
    wait(
        driver,
        lambda d: "Пристигане" in text_of(d.find_element(By.CSS_SELECTOR, f'article[data-visit="{visit}"]')),
        "the check-in is not on the visit after syncing",
    )
    card = driver.find_element(By.CSS_SELECTOR, f'article[data-visit="{visit}"]')
    assert len(card.find_elements(By.CSS_SELECTOR, ".visit-recorded li")) == 1
    check(driver, "the day after syncing")

    # The same record replayed (an old copy of the outbox) is answered as before and recorded once.
    status = driver.execute_async_script(
        """
        var done = arguments[arguments.length - 1];
        var root = document.querySelector('[data-outbox-root]');
        fetch('/home-care/visits/' + arguments[0] + '/events', {
          method: 'POST', credentials: 'same-origin',
          headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
          body: JSON.stringify({_csrf: root.dataset.csrf, clientId: 'replay-' + arguments[0].slice(0, 8), kind: 'checkIn'})
        }).then(function (r) { return r.json().then(function (j) { done([r.status, j.problem || '']); }); });
        """,
        visit,
    )
    assert status == [409, "visit.alreadyCheckedIn"], status
