from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from alliage.commons.preview import MAX_COLUMNS, csv_preview


def preview(content: bytes, **kwargs):
    return csv_preview(io.BytesIO(content), **kwargs)


def test_semicolons_and_windows_1252_as_spreadsheets_export() -> None:
    result = preview("ville;équipement;parc\r\nRennes;écran;12\r\n".encode("cp1252"))
    assert result.header == ["ville", "équipement", "parc"]
    assert result.rows == [["Rennes", "écran", "12"]]
    assert not result.error and not result.more


def test_only_the_first_rows_are_shown() -> None:
    content = b"n\n" + b"".join(b"%d\n" % i for i in range(100))
    result = preview(content, rows=20)
    assert len(result.rows) == 20 and result.more


def test_short_and_long_rows_are_squared() -> None:
    result = preview(b"a,b,c\n1\n1,2,3,4\n")
    assert result.rows == [["1", "", "", ""], ["1", "2", "3", "4"]]
    assert result.header == ["a", "b", "c", ""]


def test_wide_files_are_cut_and_long_cells_shortened() -> None:
    result = preview(b",".join([b"c"] * 100) + b"\n" + b"x" * 1000 + b"\n")
    assert len(result.header) == MAX_COLUMNS and result.more
    assert len(result.rows[0][0]) == 200


def test_binary_empty_and_broken_files_say_why() -> None:
    assert preview(b"\x00\x01binary").error
    assert preview(b"").error and preview(b"  \n\n").error
    broken = preview(b'a,b\n"unclosed,1\n' + b"x" * 200_000)
    assert broken.error or broken.rows is not None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.integers(min_value=1, max_value=30))
def test_no_input_raises(content: bytes, rows: int) -> None:
    result = preview(content, rows=rows)
    assert result.error or len(result.rows) <= rows


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=20), max_size=8), min_size=1, max_size=30))
def test_any_text_table_previews(table: list[list[str]]) -> None:
    text = "\n".join(";".join(row) for row in table)
    result = preview(text.encode())
    assert result.error or all(len(r) == len(result.header) for r in result.rows)
