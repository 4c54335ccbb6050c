"""Config loading: defaults, starter file, and errors that name the key, the value and the fix."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path

import pytest

from trendwatch.config import SECTIONS, load_settings, settings_from_dict, starter_config
from trendwatch.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "trendwatch.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_defaults_and_relative_store_path(tmp_path: Path) -> None:
    s = load_settings(write(tmp_path, '[[feeds]]\nurl = "https://example.org/a.xml"\n'))
    assert s.store_path == tmp_path / "trendwatch.duckdb"
    assert s.digest.top == 10 and s.digest.language == "fr" and s.analysis.baseline_weeks == 8
    assert s.feeds[0].url == "https://example.org/a.xml" and s.feeds[0].tags == []


def test_evaluation_keys_are_accepted(tmp_path: Path) -> None:
    text = """
[store]
path = "x/tw.duckdb"
[[feeds]]
url = "http://127.0.0.1:9/a.xml"
name = "a"
[trends]
enabled = true
keywords = ["climat"]
geo = "FR"
[digest]
top = 5
language = "en"
timezone = "America/New_York"
"""
    s = load_settings(write(tmp_path, text))
    assert s.store_path == tmp_path / "x" / "tw.duckdb"
    assert (s.trends.enabled, s.trends.keywords, s.digest.top, s.digest.timezone) == (
        True,
        ["climat"],
        5,
        "America/New_York",
    )


@pytest.mark.parametrize(
    ("text", "needles"),
    [
        ("[digest]\ntpo = 3\n", ["[digest]", "'tpo'", "Did you mean 'top'"]),
        ("[digets]\ntop = 3\n", ["'digets'", "Did you mean 'digest'"]),
        ('[digest]\ntop = "ten"\n', ["[digest] top", "'ten'", "expected an integer"]),
        ("[digest]\ntop = 0\n", ["[digest] top", "out of range", "between 1 and 100"]),
        ('[digest]\nlanguage = "de"\n', ["[digest] language", "'de'", "'fr', 'en'"]),
        ('[digest]\ntimezone = "Paris"\n', ["timezone", "'Paris'", "Europe/Paris"]),
        ('[digest]\npeak_hours = ["25:00"]\n', ["peak_hours", "'25:00'", "HH:MM"]),
        ('[trends]\nenabled = "yes"\n', ["[trends] enabled", "true or false"]),
        ("[trends]\nenabled = true\n", ["keywords is empty"]),
        ('[[feeds]]\nname = "x"\n', ["missing 'url'"]),
        ('[[feeds]]\nurl = "ftp://x/y"\n', ["'ftp'", "http(s) URL"]),
        ('[[feeds]]\nurl = "a.xml"\n[[feeds]]\nurl = "a.xml"\n', ["repeats feed #1"]),
        ("feeds = 3\n", ["[[feeds]]"]),
        ("[store\npath=1", ["not valid TOML"]),
    ],
)
def test_bad_config_names_key_value_and_fix(tmp_path: Path, text: str, needles: list[str]) -> None:
    with pytest.raises(ConfigError) as err:
        load_settings(write(tmp_path, text))
    message = str(err.value)
    for needle in needles:
        assert needle in message, message
    assert str(tmp_path) in message


def test_missing_file_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="trendwatch init"):
        load_settings(tmp_path / "nope.toml")


def test_starter_config_is_valid_and_documents_every_key() -> None:
    text = starter_config()
    data = tomllib.loads(text)
    settings_from_dict(data)  # valid as written
    for section, cls in SECTIONS.items():
        for f in dataclasses.fields(cls):
            assert f.name in data.get(section, {}), f"starter.toml lacks [{section}] {f.name}"
    assert "feeds" not in data  # the example feed is commented out: nothing is fetched by accident
    block = text[text.index("# [[feeds]]") :].split("\n\n")[0]
    example = tomllib.loads("\n".join(line.removeprefix("# ") for line in block.splitlines()))
    feed_keys = {f.name for f in dataclasses.fields(type(settings_from_dict(example).feeds[0]))}
    assert feed_keys <= set(example["feeds"][0])


def test_each_section_checks_itself() -> None:
    from trendwatch.config import BrandSettings, GuidelinesSettings
    from trendwatch.config_checks import check_brand, check_guidelines

    check_brand(BrandSettings(names=["Acmé"], competitors=["Globex"]), "tw.toml")
    with pytest.raises(ConfigError, match=r"\[guidelines\] sensitive has 'les', a common word") as caught:
        check_guidelines(GuidelinesSettings(sensitive=["les"]), "tw.toml")
    assert (caught.value.path, caught.value.key) == ("tw.toml", "[guidelines] sensitive")
    with pytest.raises(ConfigError, match="also one of your names") as caught:
        check_brand(BrandSettings(names=["Acme"], competitors=["ACMÉ"]), "tw.toml")
    assert caught.value.key == "[brand] competitors"


def test_reading_a_config_loads_no_later_stage(tmp_path: Path) -> None:
    """config and its checks are leaves: loading settings imports neither cm nor any other stage."""
    import json
    import subprocess
    import sys

    path = tmp_path / "tw.toml"
    path.write_text('[brand]\nnames = ["Acme"]\n[guidelines]\nforbidden = ["Project X"]\n', encoding="utf-8")
    code = (
        "import json, sys; from trendwatch.config import load_settings; "
        f"load_settings({str(path)!r}); "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('trendwatch.'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    loaded = json.loads(out)
    stages = ("sources", "store", "ingest", "analysis", "cm", "digest", "publish", "cli", "demo")
    assert not [m for m in loaded if m.split(".")[1] in stages], loaded
