"""Home care as its coordinator uses it, in Bulgarian: the week's visits, planning in the
background, the plan drawn per worker, publishing, a worker falling ill, re-planning and
publishing the new version; axe-clean at desktop and phone size."""

from datetime import date, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from support import has, sign_in, text_of, wait
from test_accessibility import check

PLANNING = 120  # seconds a run may take on a debug build, beyond OPORA_PLANNING_SECONDS


def plan(driver, button_text):
    """Presses the week's planning button with this text and waits for the finished run's page."""
    button = next(b for b in driver.find_elements(By.CSS_SELECTOR, "main form button") if text_of(b) == button_text)
    button.click()
    wait(driver, lambda d: "/home-care/runs/" in d.current_url, "planning did not open the run's page")
    check(driver, "a run's page while it searches")
    wait(driver, lambda d: text_of(d.find_element(By.ID, "run-state")) == "готово", "the run did not finish", PLANNING)
    return driver.current_url


def publish(driver):
    driver.find_element(By.XPATH, "//button[normalize-space()='Публикувай плана']").click()
    wait(driver, lambda d: "Планът е публикуван като версия" in d.page_source, "no word that the plan was published")


def test_plan_publish_and_replan(driver, base_url):
    sign_in(driver, "coordinator")
    driver.get(base_url + "/home-care")
    wait(driver, lambda d: "/home-care/weeks/" in d.current_url, "home care did not open a week")
    week = driver.current_url
    visits = int(text_of(driver.find_element(By.CSS_SELECTOR, ".cards .card .figure")))
    assert visits > 500, f"the demo week has only {visits} visits"
    check(driver, "the week's visits")

    run = plan(driver, "Планирай седмицата")
    figures = {text_of(row.find_element(By.TAG_NAME, "th")): row for row in driver.find_elements(By.CSS_SELECTOR, "#run-figures tbody tr")}
    assert "С избрания асистент (когато е на работа)" in figures
    assert has(driver, "svg.timeline"), "no timeline drawn"
    assert has(driver, "svg.route"), "no route sketch"
    check(driver, "a finished run with its plan")
    driver.set_window_size(390, 844)
    check(driver, "a finished run at phone size")
    driver.set_window_size(1280, 900)

    # A start at night is refused with the rule it breaks; keeping a visit where it is, pinned, is a move.
    visit = Select(driver.find_element(By.ID, "visit"))
    visit.select_by_index(1)
    worker_name = visit.first_selected_option.text.rsplit("(", 1)[1].rstrip(")")
    Select(driver.find_element(By.ID, "move-worker")).select_by_visible_text(worker_name)
    driver.execute_script("document.getElementById('start').value = '23:00';")
    driver.find_element(By.XPATH, "//button[normalize-space()='Премести и закрепи']").click()
    wait(driver, lambda d: has(d, ".error-summary"), "a move at night was not refused")
    assert "началото е извън часовия интервал на посещението" in text_of(driver.find_element(By.CSS_SELECTOR, ".error-summary"))
    visit = Select(driver.find_element(By.ID, "visit"))
    visit.select_by_index(1)
    Select(driver.find_element(By.ID, "move-worker")).select_by_visible_text(worker_name)
    driver.find_element(By.XPATH, "//button[normalize-space()='Премести и закрепи']").click()
    wait(
        driver,
        lambda d: "/moves" not in d.current_url and d.current_url.split("?")[0] != run,
        "the move did not start a new run",
    )
    wait(driver, lambda d: text_of(d.find_element(By.ID, "run-state")) == "готово", "the adjusted run did not finish", PLANNING)
    publish(driver)

    # A worker with visits on the plan falls ill from Tuesday.
    driver.get(base_url + "/home-care/staff")
    check(driver, "the staff list")
    driver.find_element(By.CSS_SELECTOR, "table a[href*='/home-care/staff/']").click()
    monday = date.fromisoformat(week.rstrip("/").split("/")[-1].split("?")[0])
    tuesday = (monday + timedelta(days=1)).isoformat()
    Select(driver.find_element(By.ID, "kind")).select_by_value("sickness")
    driver.execute_script("document.getElementById('from').value = arguments[0];", tuesday)
    driver.execute_script("document.getElementById('until').value = arguments[0];", tuesday)
    driver.find_element(By.XPATH, "//button[normalize-space()='Добави отсъствие']").click()
    wait(driver, lambda d: "болничен" in d.page_source, "the absence is not listed")
    check(driver, "a staff member's pattern and absences")

    driver.get(week)
    replanned = plan(driver, "Препланирай от публикувания план")
    assert replanned != run
    assert "Промени спрямо версия" in driver.page_source
    publish(driver)
    driver.get(week)
    versions = [text_of(a) for a in driver.find_elements(By.CSS_SELECTOR, "#runs + ul a, section[aria-labelledby='runs'] a")]
    assert any(v.startswith("Версия") for v in versions), versions
