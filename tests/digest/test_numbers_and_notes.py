"""What the digest's numbers mean, said once; notes as codes rendered in the digest's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.digest.test_render import NOW, make_analysis, make_settings, make_topic
from trendwatch.digest import digest_from_analysis, render
from trendwatch.messages import Note


@pytest.mark.parametrize(
    ("lang", "counting", "more", "strength"),
    [
        ("en", "Articles: distinct stories", "and 11 more", "Strength: clear — well above its usual share"),
        ("fr", "Articles : histoires distinctes", "et 11 autres", "Intensité : nette — au-dessus de sa part"),
    ],
)
def test_counting_is_explained_once_the_score_in_words_and_the_rest_counted(
    tmp_path: Path, lang: str, counting: str, more: str, strength: str
) -> None:
    settings = make_settings(tmp_path, language=lang)
    digest = digest_from_analysis(make_analysis([make_topic(n_articles=14)]), settings, now=NOW)
    for fmt in ("md", "html"):
        text = render(digest, fmt)
        assert text.count(counting) == 1
        assert more in text, "3 of 14 articles shown: the list says how many more"
        assert strength in text.replace("**", "").replace("<strong>", "").replace("</strong>", "")
        assert ("(score 4.5)" if lang == "en" else "(score 4,5)") in text and " · score" not in text


def test_notes_are_codes_rendered_in_the_digests_language_and_carried_in_json(tmp_path: Path) -> None:
    note = Note("analysis.no_entries", {"week": "2022-W08"})
    growth = Note("analysis.no_growth", {"week": "2022-W08"})
    analysis = make_analysis([make_topic()], notes=[note, growth])
    digest = digest_from_analysis(analysis, make_settings(tmp_path, language="fr"), now=NOW)
    md = render(digest, "md")
    assert "Aucun article publié en 2022-W08" in md and "rien n'a dépassé" in md
    notes = json.loads(render(digest, "json"))["notes"]
    assert notes[0] == {"code": "analysis.no_entries", "values": {"week": "2022-W08"},
                        "text": "Aucun article publié en 2022-W08 : pas de sujet à signaler."}  # fmt: skip
    assert notes[1]["code"] == "analysis.no_growth" and notes[1]["text"].startswith("En 2022-W08")


def test_the_footer_gives_the_local_time_in_the_digests_language(tmp_path: Path) -> None:
    digest = digest_from_analysis(
        make_analysis([make_topic()]), make_settings(tmp_path, language="fr"), now=NOW
    )
    for fmt in ("md", "html"):
        text = render(digest, fmt)
        assert "Généré le 28 février 2022, 07:00 (Europe/Paris)" in text  # 06:00 UTC
        assert "UTC" not in text
