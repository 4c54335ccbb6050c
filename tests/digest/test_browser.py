"""The HTML digest in a real headless browser (Debian's chromium): at a phone's 390 px nothing
overflows sideways, the weekly-volume chart is drawn with every week (zero weeks too), and the page
asks for nothing remote. Skipped, with the reason, where chromium isn't installed (`.ci/run`
installs it)."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.digest.test_render import NOW, make_analysis, make_settings, make_topic
from trendwatch.digest import digest_from_analysis, render

PHONE = 390
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # belt and braces: no name resolves, nothing leaves
]
# Runs in the wrapper page once the digest (a same-origin srcdoc iframe PHONE px wide) has loaded.
PROBE = """
window.addEventListener('load', () => {
  const f = document.getElementById('digest'), d = f.contentDocument, w = f.contentWindow;
  const bars = [...d.querySelectorAll('table.bars')].map(t => {
    const r = t.getBoundingClientRect();
    const cells = [...t.rows[1].cells].map(c => c.firstElementChild.getBoundingClientRect().height);
    const labels = [...t.rows[2].cells].map(c => c.textContent);
    return {width: r.width, height: r.height, right: r.right, bars: cells, labels: labels};
  });
  const wide = [...d.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > PHONE_PX + 0.5)
    .map(e => e.tagName + '.' + e.className);
  document.body.setAttribute('data-probe', JSON.stringify({
    scrollWidth: d.documentElement.scrollWidth, clientWidth: d.documentElement.clientWidth,
    wide: wide, charts: bars,
    resources: w.performance.getEntriesByType('resource').map(e => e.name)
  }));
});
""".replace("PHONE_PX", str(PHONE))


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        pytest.skip("chromium is not installed (apt-get install -y chromium; .ci/run does it)")
    return found


def probe_page(page: str, tmp_path: Path) -> dict[str, Any]:
    """Load ``page`` at PHONE px in headless chromium and return what PROBE measured."""
    wrapper = tmp_path / "wrapper.html"
    wrapper.write_text(
        "<!DOCTYPE html><html><body style='margin:0'>"
        f"<iframe id='digest' style='width:{PHONE}px;height:3000px;border:0' srcdoc=\"{html.escape(page)}\">"
        f"</iframe><script>{PROBE}</script></body></html>",
        encoding="utf-8",
    )
    profile = tmp_path / "profile"
    profile.mkdir()
    cmd = [_chromium(), *FLAGS, f"--user-data-dir={profile}", "--window-size=800,1000",
           "--virtual-time-budget=5000", "--dump-dom", wrapper.as_uri()]  # fmt: skip
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        pytest.skip("chromium did not finish within 120 s on this machine")
    found = re.search(r'data-probe="([^"]*)"', done.stdout)
    if found is None:
        pytest.skip(f"chromium could not run here (exit {done.returncode}): {done.stderr.strip()[-300:]}")
    return dict(json.loads(html.unescape(found.group(1))))


def test_the_digest_fits_a_phone_shows_its_chart_and_loads_nothing_remote(tmp_path: Path) -> None:
    long_url = "https://news.example/" + "a-very-long-path-segment-without-spaces-" * 4
    topic = make_topic(
        label="Énergie : les prix de l'électricité flambent dans toute l'Europe cet hiver",
        titles=["Un titre d'article très long " * 4, "Second", "Third"],
        urls=[long_url, None, None],
        n_articles=9,
    )
    topic.weekly_counts = [
        ("2022-W04", 0),
        ("2022-W05", 2),
        ("2022-W06", 0),
        ("2022-W07", 1),
        ("2022-W08", 9),
    ]
    digest = digest_from_analysis(make_analysis([topic]), make_settings(tmp_path, language="fr"), now=NOW)
    got = probe_page(render(digest, "html"), tmp_path)
    assert got["scrollWidth"] == got["clientWidth"] == PHONE, f"overflows sideways: {got['wide']}"
    (chart,) = got["charts"]
    assert chart["height"] > 30 and chart["right"] <= PHONE
    assert chart["labels"] == ["W04", "W05", "W06", "W07", "W08"]
    assert all(h >= 2 for h in chart["bars"]), "zero weeks stay visible as a thin bar"
    assert chart["bars"][-1] > chart["bars"][1] > chart["bars"][0]
    assert got["resources"] == [], "the page loads nothing (no font, image or stylesheet from anywhere)"


def test_the_probe_does_see_an_overflow(tmp_path: Path) -> None:
    got = probe_page("<!DOCTYPE html><html><body><div style='width:600px'>wide</div></body></html>", tmp_path)
    assert got["scrollWidth"] > PHONE and got["wide"]
