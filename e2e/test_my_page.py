"""The person's own page on a phone (390×844), in Bulgarian: the demo service user's plan, week,
requests and data, a request that is refused kindly and one that is sent, the representative's
view of their ward, the way in by code, which refuses a wrong code, and the photo of the worker
who comes, sent by the worker with her agreement and withdrawn again; every page axe-clean."""

import struct
import tempfile
import zlib

from selenium.webdriver.common.by import By

from support import has, sign_in, text_of, wait
from test_accessibility import check

PHONE = (390, 844)


def test_person_sees_plan_week_requests_and_data(driver, base_url):
    driver.set_window_size(*PHONE)
    sign_in(driver, "person")
    for path, heading in [
        ("/my", "Моята страница"),
        ("/my/plan", "Моят план"),
        ("/my/week", "Моята седмица"),
        ("/my/requests", "Моите молби"),
        ("/my/data", "Моите данни"),
    ]:
        driver.get(base_url + path)
        wait(driver, lambda d: has(d, "h1"), f"no heading on {path}")
        assert text_of(driver.find_element(By.CSS_SELECTOR, "h1")) == heading
        check(driver, f"the service user's {path} at phone size")
    driver.get(base_url + "/my/plan")
    assert has(driver, ".plan-service"), "the plan in force lists the services the person chose"

    # A request without saying what is wanted is refused beside its field, and nothing is sent.
    driver.get(base_url + "/my/requests")
    driver.find_element(By.ID, "kind-newNeed").click()
    driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait(driver, lambda d: has(d, ".error-summary"), "no summary of the refusal")
    assert "Напишете с няколко думи" in text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    check(driver, "a refused request")
    driver.find_element(By.ID, "kind-newNeed").click()
    driver.find_element(By.ID, "text").send_keys("Помощ с пазаруването в петък")
    driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait(driver, lambda d: has(d, ".flash"), "no confirmation of the request")
    assert "Помощ с пазаруването в петък" in text_of(driver.find_element(By.CSS_SELECTOR, "main"))
    assert "Чака отговор" in text_of(driver.find_element(By.CSS_SELECTOR, "main"))


def test_representative_sees_the_ward(driver, base_url):
    driver.set_window_size(*PHONE)
    sign_in(driver, "representative")
    driver.get(base_url + "/my")
    wait(driver, lambda d: has(d, "h1"), "no own page for the representative")
    assert "законен представител" in text_of(driver.find_element(By.CSS_SELECTOR, "main"))
    check(driver, "the representative's page at phone size")


def test_wrong_code_is_refused_kindly(driver, base_url):
    driver.set_window_size(*PHONE)
    driver.delete_all_cookies()
    driver.get(base_url + "/my/code")
    wait(driver, lambda d: has(d, "#code"), "no code form")
    check(driver, "the code page at phone size")
    driver.find_element(By.ID, "code").send_keys("ACDE-FGHJ-KMNP")
    driver.find_element(By.ID, "mode-codes").click()
    driver.find_element(By.CSS_SELECTOR, "form.form button[type=submit]").click()
    wait(driver, lambda d: has(d, ".error-summary"), "no refusal of a wrong code")
    assert "Не намираме този код" in text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    check(driver, "a refused code")


def portrait_png():
    """A 64×64 PNG written by hand, with a text chunk naming a place the upload must drop."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes([90, 140, 200]) * 64 for _ in range(64))
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
    png += chunk(b"tEXt", b"Location\x00Kyustendil") + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    path = tempfile.NamedTemporaryFile(suffix=".png", delete=False).name
    with open(path, "wb") as out:
        out.write(png)
    return path


def test_the_person_sees_the_photo_the_worker_agreed_to(driver, base_url):
    driver.set_window_size(*PHONE)
    # Who comes to the demo person: the first name on her week, found among the accounts.
    sign_in(driver, "person")
    driver.get(base_url + "/my/week")
    wait(driver, lambda d: has(d, "li.visit"), "no visit on the week")
    worker = text_of(driver.find_element(By.XPATH, "//main//*[starts-with(normalize-space(.), 'Идва')]/strong"))
    sign_in(driver, "admin")
    driver.get(base_url + "/admin/users?q=" + worker)
    row = driver.find_element(By.XPATH, f"//td[normalize-space(.)='{worker}']/..")
    username = text_of(row.find_elements(By.TAG_NAME, "td")[1])
    sign_in(driver, username)
    driver.get(base_url + "/home-care/my-photo")
    wait(driver, lambda d: has(d, "#portrait-form"), "no photo form for the worker")
    check(driver, "the worker's photo page at phone size")
    driver.find_element(By.ID, "photo").send_keys(portrait_png())
    driver.find_element(By.CSS_SELECTOR, "#portrait-form button[type=submit]").click()
    wait(driver, lambda d: has(d, ".error-summary"), "a photo without the tick was not refused")
    assert "само с ваше съгласие" in text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    driver.find_element(By.ID, "photo").send_keys(portrait_png())
    driver.find_element(By.ID, "agree").click()
    driver.find_element(By.CSS_SELECTOR, "#portrait-form button[type=submit]").click()
    wait(driver, lambda d: has(d, ".portrait img"), "the photo was not saved")

    sign_in(driver, "person")
    driver.get(base_url + "/my/week")
    wait(driver, lambda d: has(d, "img.worker-photo"), "the person's week shows no photo of who comes")
    image = driver.find_element(By.CSS_SELECTOR, "img.worker-photo")
    assert image.get_attribute("alt").startswith("Снимка на ")
    assert driver.execute_script("return arguments[0].naturalWidth", image) > 0, "the photo does not load"
    check(driver, "the week with the worker's photo")

    sign_in(driver, username)
    driver.get(base_url + "/home-care/my-photo")
    driver.find_element(By.CSS_SELECTOR, "form[action='/home-care/my-photo/remove'] button").click()
    wait(driver, lambda d: not has(d, ".portrait img"), "the photo was not deleted")
    sign_in(driver, "person")
    driver.get(base_url + "/my/week")
    wait(driver, lambda d: has(d, "h1"), "no week")
    assert not has(driver, "img.worker-photo"), "a withdrawn photo is still shown"


def test_larger_text_is_kept_from_page_to_page(driver, base_url):
    driver.set_window_size(*PHONE)
    sign_in(driver, "person")
    driver.get(base_url + "/my/week")
    wait(driver, lambda d: has(d, ".text-size-switch button"), "no choice of text size")
    normal = driver.execute_script("return parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    driver.find_element(By.CSS_SELECTOR, ".text-size-switch button").click()
    wait(driver, lambda d: "large-text" in (d.find_element(By.TAG_NAME, "html").get_attribute("class") or ""), "no larger text")
    assert driver.current_url.endswith("/my/week"), "the choice did not come back to the page"
    larger = driver.execute_script("return parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert larger >= normal * 1.2
    check(driver, "the week in larger text at phone size")
    driver.get(base_url + "/my/plan")
    assert "large-text" in driver.find_element(By.TAG_NAME, "html").get_attribute("class")
    driver.find_element(By.CSS_SELECTOR, ".text-size-switch button").click()
    wait(driver, lambda d: "large-text" not in (d.find_element(By.TAG_NAME, "html").get_attribute("class") or ""), "the usual text did not come back")
