from trendwatch.safe_text import cap_text, chat_escape, csv_cell, one_line, strip_controls


def test_controls_and_bidi_are_removed() -> None:
    assert strip_controls("a\x1b[2Jb\x07c\x00d\u202eevil\u2066x") == "a[2Jbcdevilx"
    assert strip_controls("line one\nline two") == "line one\nline two"


def test_long_text_is_capped_at_a_word() -> None:
    out = cap_text("word " * 3000, 300)
    assert len(out) <= 300 and out.endswith("…")


def test_one_line_folds_whitespace() -> None:
    assert one_line("  a\n\tb  \x1bc ") == "a b c"


def test_csv_cells_never_start_a_formula() -> None:
    assert csv_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert csv_cell("-2") == "'-2" and csv_cell("ok") == "ok" and csv_cell(3) == 3


def test_chat_mentions_are_shown_not_acted_on() -> None:
    out = chat_escape("<!here> see <https://x.y|click> @everyone")
    assert "<!here>" not in out and "<https://x.y|click>" not in out and "@everyone" not in out
    assert "here" in out and "everyone" in out
