from __future__ import annotations

from typing import Any

from django import template

from hrbureau.core.identifiers import mask_id_number, mask_phone

register = template.Library()


@register.filter(name="mask_id")
def mask_id_filter(value: str | None) -> str:
    return mask_id_number(value) if value else ""


@register.filter(name="mask_phone")
def mask_phone_filter(value: str | None) -> str:
    return mask_phone(value) if value else ""


@register.filter(name="field_label")
def field_label(field_name: str, record: Any) -> str:
    """The verbose name of ``field_name`` on the model an edit record is about."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        model = apps.get_model(record.object_type)
        return str(model._meta.get_field(field_name).verbose_name)
    except (LookupError, FieldDoesNotExist):
        return field_name


# The options of lists seen before: (id(choices), language, selected) -> (choices, options). The list is
# kept with its options so that its id cannot be reused by another while the entry lives.
_OPTIONS: dict[tuple[int, str, frozenset[str]], tuple[list[Any], str]] = {}


def _options(choices: Any, selected: set[str]) -> str:
    from django.utils.html import conditional_escape as escape
    from django.utils.translation import get_language

    # A shared list (never changed in place: ``SharedChoicesMixin``) is rendered once per language and
    # selection; any other (a queryset's iterator, a list built for this form) every time.
    key = (id(choices), get_language() or "", frozenset(selected))
    seen = _OPTIONS.get(key)
    if seen is not None and seen[0] is choices:
        return seen[1]
    options = "".join(
        f'<option value="{escape(value)}"{" selected" if str(value) in selected else ""}>{escape(label)}</option>'
        for value, label in choices
    )
    if isinstance(choices, list):
        if len(_OPTIONS) > 512:
            _OPTIONS.clear()
        _OPTIONS[key] = (choices, options)
    return options


@register.simple_tag
def select(field: Any) -> str:
    """A filter form's <select>, rendered in Python: Django's per-option widget templates cost more than
    the rest of a list page together when a select has a few hundred options. Each option is escaped
    and joined directly (format_html per option would cost as much again); a list shared between forms
    is rendered once per language and selection."""
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    value = field.value()
    selected = (
        {str(v) for v in value} if isinstance(value, list | tuple) else {"" if value is None else str(value)}
    )
    css = field.field.widget.attrs.get("class", "form-select")
    return format_html(
        '<select name="{}" id="{}" class="{}">{}</select>',
        field.html_name,
        field.id_for_label,
        css,
        mark_safe(_options(field.field.choices, selected)),  # noqa: S308 - every value and label escaped
    )


@register.simple_tag(name="input")
def input_tag(field: Any) -> str:
    """A form's text-like ``<input>`` (text, search, date…), rendered in Python with the attributes
    Django's widget gives it (``get_context``) — exactly what ``{{ form.field }}`` renders through the
    widget's two templates, at a sixth of the cost (a filter form has several on every list page)."""
    from django.forms.widgets import CheckboxInput, Input
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    widget = field.field.widget
    if not isinstance(widget, Input) or isinstance(widget, CheckboxInput) or field.field.localize:
        return str(field)  # another kind of widget, or a localized value: Django's own rendering
    attrs = field.build_widget_attrs({}, widget)  # as BoundField.as_widget builds them
    if field.auto_id and "id" not in widget.attrs:
        attrs.setdefault("id", field.auto_id)
    context = widget.get_context(field.html_name, field.value(), attrs)["widget"]
    html = [f'<input type="{escape(context["type"])}" name="{escape(context["name"])}"']
    if context["value"] is not None:
        html.append(f' value="{escape(context["value"])}"')
    for name, value in context["attrs"].items():
        if value is not False:
            html.append(f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"')
    return mark_safe("".join(html) + ">")  # noqa: S308 - every name and value escaped


@register.simple_tag(takes_context=True)
def sidebar_links(context: Any) -> str:
    """The sidebar's entries (``nav_items``), the current page's marked active, with their counts
    (``nav_counts``). Rendered in Python: it is on every workbench page, and in the template language
    its loops cost as much as a list's twenty rows."""
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    request = context.get("request")
    path, counts = getattr(request, "path", ""), context.get("nav_counts") or {}
    links = []
    for item in context.get("nav_items") or ():
        count = counts.get(item.key)
        badge = (
            format_html(
                '<span class="badge bg-red text-red-fg ms-auto" data-testid="nav-count-{}">{}</span>',
                item.key,
                count,
            )
            if count
            else ""
        )
        links.append(
            format_html(
                '<li class="nav-item{}"><a class="nav-link" href="{}" data-nav="{}">'
                '<span class="nav-link-icon"><i class="ti ti-{}" aria-hidden="true"></i></span>'
                '<span class="nav-link-title">{}</span>{}</a></li>',
                " active" if path == item.url else "",
                item.url,
                item.key,
                item.icon,
                item.label,
                badge,
            )
        )
    return mark_safe("\n".join(links))  # noqa: S308 - each link built by format_html


@register.simple_tag
def deadline(due: Any, start: Any = None) -> str:
    """A computed due date, with a visible warning when the holiday calendar of its years is unknown
    and Monday–Friday was assumed (DOMAIN.md §1). Every page that shows a deadline uses this tag."""
    from django.utils.html import format_html
    from django.utils.translation import gettext as _

    from hrbureau.core.calendar import uses_fallback

    if not due:
        return "—"
    day = format_html('<span class="text-nowrap">{}</span>', due.strftime("%Y-%m-%d"))  # never wraps
    if uses_fallback(start or due, due):
        return format_html(
            '{} <span class="badge bg-yellow-lt" title="{}" data-calendar-warning>{}</span>',
            day,
            _(
                "The holidays of this year are not in the calendar yet; Monday to Friday were taken as working days."
            ),
            _("calendar estimate"),
        )
    return day


# --- punctuation in the reader's language (core.punctuation) ------------------------------------------


@register.simple_tag(name="colon")
def colon_tag() -> str:
    """``{% translate "Reason" %}{% colon %}`` → "原因：" / "Reason: "."""
    from hrbureau.core.punctuation import colon

    return colon()


@register.filter(needs_autoescape=True)
def nowrap(value: Any, autoescape: bool = True) -> str:
    """``{{ day|date:"Y-m-d"|nowrap }}``: a date (or any short value) kept on one line, also inside a
    sentence ("2026-12-07", never "2026-12-" above "07")."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    text = conditional_escape(value) if autoescape else value
    return mark_safe(f'<span class="text-nowrap">{text}</span>')  # noqa: S308 - escaped above


@register.simple_tag(name="list_comma")
def list_comma_tag() -> str:
    """Between the names of a list written out in a template: "、" / ", "."""
    from hrbureau.core.punctuation import join_words

    return join_words(["", ""])


@register.filter(needs_autoescape=True)
def parens(value: Any, autoescape: bool = True) -> str:
    """``{{ name }}{{ kind|parens }}`` → "欠薪投诉（投诉）" / "Wage arrears (complaint)"."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    from hrbureau.core.punctuation import parenthesised

    text = conditional_escape(value) if autoescape else value
    return mark_safe(parenthesised(text))  # noqa: S308 - escaped above


def _joined(items: Any, join: Any, autoescape: bool) -> str:
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    parts = [conditional_escape(item) if autoescape else item for item in items or ()]
    return mark_safe(join(parts))  # noqa: S308 - every item escaped above


@register.filter(needs_autoescape=True)
def join_words(items: Any, autoescape: bool = True) -> str:
    """``{{ documents|join_words }}`` → "仲裁申请书、身份证复印件" / "application, ID card copy"."""
    from hrbureau.core import punctuation

    return _joined(items, punctuation.join_words, autoescape)


@register.filter(needs_autoescape=True)
def join_clauses(items: Any, autoescape: bool = True) -> str:
    """``{{ reasons|join_clauses }}`` → "未签合同；拖欠工资" / "no contract; wages owed"."""
    from hrbureau.core import punctuation

    return _joined(items, punctuation.join_clauses, autoescape)


# --- declared lists (core.lists) ------------------------------------------------------------------


@register.simple_tag
def filter_input(field: Any) -> str:
    """A filter panel's field: a choice as ``{% select %}``, any other input as ``{% input %}``."""
    from django import forms

    if isinstance(field.field, forms.ChoiceField):
        return select(field)
    return input_tag(field)


@register.simple_tag
def list_actions(result: Any) -> str:
    """A declared list's header buttons: its export (for holders of the export permission) and actions."""
    from hrbureau.core.lists import action_links

    return action_links(result)
