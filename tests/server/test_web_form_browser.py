"""The web form in a real browser: headless Chromium (Debian's chromium and chromium-driver) driven by Selenium
opens /lapor on a real ``aduan server``, fills it in, attaches a PDF, sends it, reads the tracking number and
follows the private status link. In CI a missing Chromium fails the test; elsewhere it is skipped."""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from desktop.channels.accounts import add_account
from desktop.domain.vocabulary import Channel
from desktop.store import directory
from desktop.store.schema import attachment, ticket
from desktop.store.service import Store
from tests.conftest import _migrated
from tests.server.live import running_server

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def browser() -> Iterator[Any]:
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        if os.environ.get("CI"):
            raise
        pytest.skip("selenium is not installed")
    if not (CHROMIUM and DRIVER):
        if os.environ.get("CI"):
            pytest.fail("CI needs Debian's chromium and chromium-driver (.ci/run installs them)")
        pytest.skip("chromium and chromium-driver are not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=412,915"):
        options.add_argument(argument)  # a phone's width
    options.add_experimental_option("prefs", {"intl.accept_languages": "id-ID,id,en"})  # a browser in Indonesian
    driver = webdriver.Chrome(options=options, service=Service(DRIVER))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def arrived(browser: Any, element_id: str) -> Any:
    """The element once the page holding it has loaded; what the page says instead, if it never comes."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(browser, 30).until(expected_conditions.presence_of_element_located((By.ID, element_id)))
    except TimeoutException:
        shown = browser.find_element(By.TAG_NAME, "body").text
        pytest.fail(f"no #{element_id} at {browser.current_url}; the page says: {shown[:1000]}")


def test_a_citizen_files_a_report_with_a_scan_and_follows_the_status_link(browser: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    url = _migrated(f"sqlite:///{tmp_path / 'aduan.db'}")
    store = Store(url)
    store.admin(directory.add_unit, "humas", "Biro Humas")
    store.admin(add_account, Channel.WEB, "Web Humas", "humas", "{}", None)
    scan = tmp_path / "surat.pdf"
    scan.write_bytes(PDF)
    try:
        with running_server(url, tmp_path) as server:
            browser.get(f"{server.url}/lapor")
            opened = time.monotonic()
            assert browser.find_element(By.TAG_NAME, "h1").text == "Sampaikan laporan"
            browser.find_element(By.ID, "subject").send_keys("Lampu jalan padam")
            browser.find_element(By.ID, "text").send_keys("Lampu di Jalan Merdeka padam sejak seminggu.")
            browser.find_element(By.ID, "name").send_keys("Siti Rahayu")
            browser.find_element(By.ID, "contact").send_keys("0812-3456-7890")
            browser.find_element(By.ID, "files").send_keys(str(scan))
            time.sleep(max(0.0, 3.5 - (time.monotonic() - opened)))  # a person takes longer than the 3 s minimum
            browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            # The next page may still be loading when the click returns: wait for what it shows (a busy machine).
            number = arrived(browser, "tracking-number").text
            assert re.fullmatch(r"ADU-\d{4}-\d{6}", number)
            browser.find_element(By.ID, "status-link").click()
            assert arrived(browser, "status").is_displayed()
            assert browser.find_element(By.ID, "tracking-number").text == number
            assert browser.find_element(By.ID, "status").text == "Diterima"
            assert "/lapor/status/" in browser.current_url
        stored = store.read(
            lambda c: c.execute(
                select(func.count())
                .select_from(attachment)
                .join(ticket, ticket.c.id == attachment.c.ticket_id)
                .where(ticket.c.tracking_no == number, attachment.c.filename == "surat.pdf")
            ).scalar_one()
        )
        assert stored == 1
    finally:
        store.dispose()
