"""detect_language on real French (Le Monde) and English (Guardian) items, and on short or mixed text."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from trendwatch.sources.language import detect_language
from trendwatch.sources.normalize import html_to_text

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
LEMONDE = DATA / "lemonde_2022" / "raw_xml_sample"
GUARDIAN = DATA / "feeds_realworld" / "rss-parser" / "test" / "input" / "guardian.rss"


def _items(path: Path) -> list[str]:
    """Title + description text of each item of an RSS file."""
    root = etree.fromstring(path.read_bytes(), etree.XMLParser(resolve_entities=False, no_network=True))
    return [html_to_text(f"{item.findtext('title') or ''} {item.findtext('description') or ''}")
            for item in root.iter("item")]


@pytest.mark.skipif(not LEMONDE.is_dir(), reason="Le Monde sample not available")
def test_le_monde_items_are_detected_as_french() -> None:
    files = sorted(p for p in LEMONDE.rglob("*.xml") if p.stat().st_size > 0)[:16]
    texts = [t for p in files for t in _items(p)]
    assert len(texts) > 200
    results = [detect_language(t) for t in texts]
    assert results.count("fr") / len(results) > 0.95
    # Le Monde's feeds carry a few pieces of its English edition: those must come out as English
    wrong = [t for t, r in zip(texts, results, strict=True) if r not in ("fr", None)
             and not (r == "en" and " the " in t)]
    assert not wrong, wrong[:3]


@pytest.mark.skipif(not GUARDIAN.is_file(), reason="Guardian sample not available")
def test_guardian_items_are_detected_as_english() -> None:
    texts = _items(GUARDIAN)
    assert len(texts) > 20
    results = [detect_language(t) for t in texts]
    assert results.count("en") / len(results) > 0.9
    assert all(r in ("en", None) for r in results), {r for r in results}


@pytest.mark.parametrize(("text", "code"), [
    ("Die Regierung hat am Montag mitgeteilt, dass die Preise für Energie nicht steigen werden.", "de"),
    ("El gobierno anunció el lunes que los precios de la energía no seguirán subiendo en el país.", "es"),
    ("Il governo ha annunciato lunedì che i prezzi dell'energia non saliranno per le famiglie.", "it"),
    ("O governo anunciou na segunda-feira que os preços da energia não vão subir para as famílias.", "pt"),
    ("De regering heeft maandag gezegd dat de prijzen van energie niet verder zullen stijgen.", "nl"),
    ("L'État a annoncé lundi qu'il ne laisserait pas les prix de l'énergie augmenter davantage.", "fr"),
    ("The government said on Monday that energy prices would not rise any further this winter.", "en"),
])
def test_each_supported_language_is_recognised(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "Paris", "Brexit deal", "12 345 678", "OK", "la the"])
def test_too_little_text_or_a_tie_gives_none(text: str) -> None:
    assert detect_language(text) is None
