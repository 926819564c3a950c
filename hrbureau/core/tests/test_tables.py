"""A list's table body rendered in Python (core.tables): every label and plain cell escaped, safe HTML
kept, each cell labelled for the phone layout, and one row saying so when there is nothing to show."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext_lazy, override

from hrbureau.core.tables import Column, body_rows, choice_labels, header_cells, html_of

COLUMNS = [Column("名称"), Column('代码 "USCC"', "text-code")]


def test_plain_cells_and_labels_are_escaped_and_safe_cells_kept() -> None:
    html = body_rows(COLUMNS, [(format_html("<a href='/e/1/'>{}</a>", "<i>"), "<b>&")], empty="无")
    assert html == (
        "<tr><td data-label=\"名称\"><a href='/e/1/'>&lt;i&gt;</a></td>"
        '<td data-label="代码 &quot;USCC&quot;" class="text-code">&lt;b&gt;&amp;</td></tr>'
    )


def test_rows_follow_the_columns_and_each_other() -> None:
    html = body_rows(COLUMNS, [("甲", "1"), ("乙", "2")], empty="无")
    assert html.count("<tr>") == 2
    assert html.index("甲") < html.index("1") < html.index("乙") < html.index("2")


def test_no_rows_give_one_row_across_every_column() -> None:
    assert body_rows(COLUMNS, [], empty="没有<企业>") == (
        '<tr><td colspan="2" class="text-secondary">没有&lt;企业&gt;</td></tr>'
    )


def test_lazy_labels_are_translated_when_rendered() -> None:
    columns = [Column(gettext_lazy("Name"))]
    with override("en"):
        assert header_cells(columns) == "<th>Name</th>"
        assert 'data-label="Name"' in body_rows(columns, [("x",)], empty="")
    with override("zh-hans"):
        assert header_cells(columns) == "<th>名称</th>"


def test_html_of_numbers_and_quotes() -> None:
    assert html_of(12) == "12"
    assert html_of("a'b\"c") == "a&#x27;b&quot;c"


def test_choice_labels_are_translated_once_per_language() -> None:
    from hrbureau.petitions.choices import Channel

    with override("zh-hans"):
        chinese = choice_labels(Channel)
        assert chinese["hotline"] == "12345热线"
        assert choice_labels(Channel) is chinese  # kept, not built again
    with override("en"):
        assert choice_labels(Channel)["hotline"] == "12345 hotline"
    assert set(chinese) == set(Channel.values)


def test_a_missing_value_is_a_dash_and_a_moment_the_readers_local_time() -> None:
    import datetime as dt

    from django.utils import timezone

    moment = dt.datetime(2026, 12, 7, 17, 30, tzinfo=dt.UTC)  # 01:30 the next day in Shanghai
    with timezone.override("Asia/Shanghai"):
        html = body_rows(COLUMNS, [(None, moment)], empty="无")
    assert ">—</td>" in html
    assert ">2026-12-08 01:30</td>" in html
    assert "None" not in html
