"""Open the HTML report from disk in headless Chromium and check that it really renders.

Needs Debian's ``chromium`` and ``chromium-driver`` (CI installs them) and selenium; skipped
otherwise. The driver is started from /usr/bin/chromedriver explicitly, so Selenium Manager
never downloads anything, and the browser runs with networking features switched off.
"""

from __future__ import annotations

import io
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from framing.report import render_report, write_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
        reason="needs /usr/bin/chromium and /usr/bin/chromedriver",
    ),
]

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,2000",
]


def _inputs() -> dict[str, Any]:
    # The hand-built tables of test_report.py (pytest puts tests/ on sys.path).
    from test_report import sample_inputs

    return sample_inputs()


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="framing-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module", params=["ja", "en"])
def report_page(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, driver: Any
) -> Any:
    out = tmp_path_factory.mktemp(f"report-{request.param}")
    write_report(render_report(**_inputs(), lang=request.param), out)
    driver.get((out / "index.html").resolve().as_uri())
    return driver


def test_no_console_errors(report_page: Any) -> None:
    severe = [e for e in report_page.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == []


def test_nothing_is_fetched(report_page: Any) -> None:
    resources = report_page.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
    )
    assert resources == []


def test_no_script_ran_from_corpus_text(report_page: Any) -> None:
    assert report_page.execute_script("return document.scripts.length") == 0
    text = report_page.execute_script("return document.body.innerText")
    assert '<script>alert("x")</script>' in text


def test_charts_are_present_with_size(report_page: Any) -> None:
    sizes = report_page.execute_script(
        "return Array.from(document.querySelectorAll('svg.chart')).map(s => {"
        " const r = s.getBoundingClientRect();"
        " return [s.id, r.width, r.height, s.querySelectorAll('path').length]; })"
    )
    assert {s[0] for s in sizes} == {
        "chart-rates",
        "chart-keyness",
        "chart-axis",
        "chart-sections",
    }
    for chart_id, width, height, paths in sizes:
        assert width > 300 and height > 50, chart_id
        assert paths > 10, chart_id


def test_screenshot_is_not_blank(report_page: Any) -> None:
    import matplotlib.image
    import numpy as np

    report_page.execute_script(
        "document.getElementById('chart-rates').scrollIntoView({block: 'start'})"
    )
    png = report_page.get_screenshot_as_png()
    pixels = np.asarray(matplotlib.image.imread(io.BytesIO(png), format="png"))
    assert pixels.ndim == 3 and pixels.shape[0] > 100 and pixels.shape[1] > 100
    grey = pixels[..., :3].mean(axis=2)
    assert float(grey.std()) > 0.05
    assert float((grey < 0.5).mean()) > 0.002  # some ink, not just a background
