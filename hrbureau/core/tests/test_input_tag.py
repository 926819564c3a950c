"""``{% input %}`` renders a form's text-like inputs in Python: exactly what Django's widget templates
render for them, in every state (empty, filled with markup, invalid), and other widgets unchanged."""

from __future__ import annotations

import pytest
from django import forms
from django.template import Context, Template

from hrbureau.core.templatetags.hrbureau import input_tag


class Probe(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"class": "form-control", "type": "search"}),
    )
    name = forms.CharField(max_length=5)  # required: Django adds the attribute
    day = forms.DateField(
        required=False, widget=forms.DateInput(attrs={"type": "date", "class": "form-control"})
    )
    count = forms.IntegerField(required=False, min_value=0)
    flag = forms.BooleanField(required=False)
    kind = forms.ChoiceField(choices=[("a", "甲"), ("b", "乙")], required=False)


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"q": '"><script>alert(1)</script>', "name": "甲乙", "day": "2026-03-02", "count": "7"},
        {"q": "x" * 30, "name": "much too long", "day": "not a date", "count": "-1"},
    ],
)
@pytest.mark.parametrize("name", ["q", "name", "day", "count", "flag", "kind"])
def test_the_tag_renders_what_django_renders(data: dict[str, str] | None, name: str) -> None:
    form = Probe(data)
    form.is_valid()
    assert input_tag(form[name]) == str(form[name])


def test_the_tag_escapes_values_and_works_in_a_template() -> None:
    form = Probe({"q": '"><b>x</b>', "name": "甲"})
    html = Template("{% input form.q %}").render(Context({"form": form}))
    assert 'value="&quot;&gt;&lt;b&gt;x&lt;/b&gt;"' in html
    assert "<b>" not in html
    invalid = Probe({"name": "much too long"})
    invalid.is_valid()
    assert 'aria-invalid="true"' in input_tag(invalid["name"])
