"""The message catalogues: every code in both languages, same placeholders, values per language."""

from __future__ import annotations

import pytest

from trendwatch.messages import LANGUAGES, Note, UnknownMessageError, catalogue, format_value, placeholders


def test_both_catalogues_hold_the_same_codes() -> None:
    en, fr = catalogue("en"), catalogue("fr")
    assert sorted(en) == sorted(fr)


@pytest.mark.parametrize("code", sorted(catalogue("en")))
def test_every_code_renders_in_both_languages_with_the_same_placeholders(code: str) -> None:
    fields = placeholders(catalogue("en")[code])
    assert placeholders(catalogue("fr")[code]) == fields
    for lang in LANGUAGES:
        text = Note(code, {f: "X" for f in fields}).render(lang)
        assert text and "{" not in text


def test_an_unknown_code_names_the_catalogue_to_fix() -> None:
    with pytest.raises(UnknownMessageError, match=r"fr\.toml"):
        Note("analysis.no_such_code").render("fr")


def test_numbers_are_written_the_readers_way() -> None:
    assert format_value(9.45, "fr") == "9,45"
    assert format_value(9.45, "en") == "9.45"
    assert format_value(12345, "fr") == "12\u202f345"
    assert format_value(12345, "en") == "12,345"
    assert Note("analysis.no_entries", {"week": "2022-W08"}).to_json("fr")["text"].startswith("Aucun")
