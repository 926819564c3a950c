"""Marks in the reader's language: full-width in Chinese, ASCII with a space in English; escaped items."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from hrbureau.core import punctuation


def _render(source: str, **context: object) -> str:
    return Template(source).render(Context(context))


def test_chinese_and_english_marks() -> None:
    with translation.override("zh-hans"):
        assert punctuation.colon() == "："
        assert punctuation.parenthesised("投诉") == "（投诉）"
        assert punctuation.join_words(["仲裁申请书", "身份证复印件"]) == "仲裁申请书、身份证复印件"
        assert punctuation.join_clauses(["未签合同", "拖欠工资"]) == "未签合同；拖欠工资"
    with translation.override("en"):
        assert punctuation.colon() == ": "
        assert punctuation.parenthesised("complaint") == " (complaint)"
        assert punctuation.join_words(["a", "b"]) == "a, b"
        assert punctuation.join_clauses(["a", "b"]) == "a; b"


def test_the_template_tags_escape_what_they_join() -> None:
    with translation.override("zh-hans"):
        html = _render(
            "{% translate 'Reason' %}{% colon %}{{ items|join_clauses }}{{ kind|parens }}"
            "{% list_comma %}{{ names|join_words }}",
            items=["<b>一</b>", "二"],
            kind="<i>",
            names=["甲", "乙"],
        )
    assert html == "原因：&lt;b&gt;一&lt;/b&gt;；二（&lt;i&gt;）、甲、乙"


def test_a_date_in_a_sentence_keeps_to_one_line() -> None:
    import datetime as dt

    html = _render(
        '{% blocktranslate with day=day|date:"Y-m-d"|nowrap %}visit by {{ day }}{% endblocktranslate %}',
        day=dt.date(2026, 12, 7),
    )
    assert html == '<span class="text-nowrap">2026-12-07</span>前走访'
    assert _render("{{ v|nowrap }}", v="<b>") == '<span class="text-nowrap">&lt;b&gt;</span>'
