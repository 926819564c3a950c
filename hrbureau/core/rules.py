"""The rules mechanism (DESIGN.md mechanism 4): one small condition language for policy eligibility,
fast-track triage and the honest-employer criteria, evaluated on one object in Python *and* on a whole
table as one database query, with the same answer.

A condition is JSON an administrator can read and edit:

    {"all": [
        {"any": [{"field": "total_claimed", "op": "lte", "value": "30240"},
                 {"field": "migrant_wages", "op": "eq", "value": true}]},
        {"field": "public_interest", "op": "eq", "value": false}
    ]}

``all`` and ``any`` hold a list of conditions; a leaf names a *field* of the rule's subject, an
operator and a value. A subject (``RuleSubject``) declares the fields rules may use — each with its
label, kind and the database path it reads — so a rule can only speak about what is declared, and a
rule with an unknown field, operator or value is refused with a translated message. Besides its own
fields, a subject whose model is an enterprise or a person offers every *fact* the business lines
declare about it (``core.facts``), named as the fact is (``labour.open_risks``): a rule reads another
line's records only through them.

Missing values (NULL) never satisfy a leaf, whatever the operator (``ne`` and ``not_in`` included);
``isnull`` asks about them. There is no ``not``: under SQL's three-valued logic a negated NULL is still
unknown, and the two evaluations would part ways. With these rules a row matches the query exactly when
Python says the object matches (the property tests check it).

A condition also reads without an object (``describe``: "employees is at least 10", for authoring), and
``near_misses`` finds, in one query, the objects failing exactly one of its top-level conditions (the
children of a top-level ``all``; a leaf or an ``any`` is one), with ``hint`` saying what each misses
("employees 8, needs at least 10").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import facts
from hrbureau.core.punctuation import join_words

NUMBER, TEXT, BOOL, DATE = "number", "text", "bool", "date"

OPERATORS: dict[str, Promise] = {
    "eq": gettext_lazy("is"),
    "ne": gettext_lazy("is not"),
    "lt": gettext_lazy("is less than"),
    "lte": gettext_lazy("is at most"),
    "gt": gettext_lazy("is more than"),
    "gte": gettext_lazy("is at least"),
    "in": gettext_lazy("is one of"),
    "not_in": gettext_lazy("is none of"),
    "isnull": gettext_lazy("is missing"),
}
_ORDERED = {"lt", "lte", "gt", "gte"}
_BY_KIND = {
    NUMBER: {"eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "isnull"},
    DATE: {"eq", "ne", "lt", "lte", "gt", "gte", "isnull"},
    TEXT: {"eq", "ne", "in", "not_in", "isnull"},
    BOOL: {"eq", "isnull"},
}


@dataclass(frozen=True)
class RuleField:
    label: str | Promise
    kind: str
    # The ORM path the query reads (a column, a related column, or an annotation the subject adds).
    path: str
    # The Python side: how to read the value from an object (default: follow ``path`` attribute by
    # attribute, as the object was loaded through the subject's queryset).
    getter: Callable[[Any], Any] | None = None
    # The values a text field may take, with their labels; for a number field, the labels of its numbers
    # (a level: 5 reads "bachelor"), shown in descriptions and listed for whoever writes a rule.
    choices: tuple[tuple[Any, str | Promise], ...] = ()
    # A field computed by the database (an enterprise's tag as an EXISTS): the expression the subject's
    # queryset annotates as ``path`` when a condition names the field, and only then.
    annotation: Callable[[], Any] | None = None
    # False for a value that is never missing (an EXISTS is true or false): the query then asks for the
    # value alone, without "is given" (which would repeat the subquery).
    nullable: bool = True

    def value_of(self, obj: Any) -> Any:
        if self.getter is not None:
            return self.getter(obj)
        value = obj
        for part in self.path.split("__"):
            if value is None:
                return None
            value = getattr(value, part)
        return value


@dataclass
class RuleSubject:
    """What rules of one kind speak about: e.g. ``arbitration.dispute`` for the fast-track triage."""

    key: str
    label: str | Promise
    model: type[models.Model]
    fields: dict[str, RuleField]
    # Adds the annotations the fields' paths name (the Python side reads the same annotations).
    annotate: Callable[[models.QuerySet[Any]], models.QuerySet[Any]] | None = None
    # Fields that exist as the data says, read when asked (one per enterprise tag an administrator
    # keeps); each usually has an ``annotation``.
    more_fields: Callable[[], dict[str, RuleField]] | None = None

    def all_fields(self) -> dict[str, RuleField]:
        """The subject's own fields, those it reads from the data, and, under their names, the facts
        declared about its model."""
        found = dict(self.fields)
        if self.more_fields is not None:
            for name, rule_field in self.more_fields().items():
                found.setdefault(name, rule_field)
        for name, fact in facts.about(self.model._meta.label).items():
            found.setdefault(name, _fact_field(fact))
        return found

    def queryset(
        self, queryset: models.QuerySet[Any] | None = None, *, condition: dict[str, Any] | None = None
    ) -> models.QuerySet[Any]:
        """The subject's rows with what its fields read: the subject's annotations and the facts that
        ``condition`` names (every fact about the model when no condition is given)."""
        qs = queryset if queryset is not None else self.model._default_manager.all()
        if self.annotate is not None:
            qs = self.annotate(qs)
        fields = self.all_fields()
        names = list(fields) if condition is None else _field_names(condition)
        computed = {
            fields[n].path: fields[n].annotation()  # type: ignore[misc]
            for n in dict.fromkeys(names)
            if n in fields and fields[n].annotation is not None
        }
        if computed:
            qs = qs.annotate(**computed)
        declared = facts.about(self.model._meta.label)
        used = [n for n in dict.fromkeys(names) if n in declared and n not in self.fields]
        return facts.annotate(qs, used) if used else qs


def _fact_field(fact: facts.Fact) -> RuleField:
    return RuleField(
        fact.label,
        NUMBER if fact.kind == facts.NUMBER else DATE,
        facts.alias(fact.name),
        getter=lambda obj: facts.value(obj, fact.name),
    )


def _field_names(condition: dict[str, Any]) -> list[str]:
    if "all" in condition or "any" in condition:
        return [n for c in condition.get("all", condition.get("any", [])) for n in _field_names(c)]
    return [condition["field"]] if "field" in condition else []


_SUBJECTS: dict[str, RuleSubject] = {}


def register_subject(subject: RuleSubject) -> RuleSubject:
    _SUBJECTS[subject.key] = subject
    return subject


def subject(key: str) -> RuleSubject:
    try:
        return _SUBJECTS[key]
    except KeyError:
        raise LookupError(f"no rule subject {key!r}") from None


def subject_choices() -> list[tuple[str, str]]:
    return sorted((key, str(s.label)) for key, s in _SUBJECTS.items())


# --- validation -------------------------------------------------------------------------------------


def _coerce(rule_field: RuleField, value: Any, where: str) -> Any:
    """The value as the field's kind, or a translated ValidationError."""
    if rule_field.kind == NUMBER:
        if isinstance(value, bool):
            raise ValidationError(_("%(where)s: a number is needed.") % {"where": where})
        try:
            number = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            raise ValidationError(_("%(where)s: a number is needed.") % {"where": where}) from None
        if not number.is_finite():
            raise ValidationError(_("%(where)s: a number is needed.") % {"where": where})
        return number
    if rule_field.kind == DATE:
        try:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError(
                _("%(where)s: a date like 2026-03-01 is needed.") % {"where": where}
            ) from None
    if rule_field.kind == BOOL:
        if not isinstance(value, bool):
            raise ValidationError(_("%(where)s: true or false is needed.") % {"where": where})
        return value
    if not isinstance(value, str):
        raise ValidationError(_("%(where)s: text is needed.") % {"where": where})
    if rule_field.choices and value not in {c for c, _label in rule_field.choices}:
        raise ValidationError(
            _("%(where)s: %(value)s is not one of the field's values.") % {"where": where, "value": value}
        )
    return value


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def validate(subject_key: str, condition: Any) -> dict[str, Any]:
    """The condition checked against the subject's fields and normalised (numbers as strings, dates
    ISO); a ValidationError that names the place of every mistake otherwise."""
    return _validate(subject(subject_key).all_fields(), condition, "condition")


def _validate(fields: dict[str, RuleField], condition: Any, where: str) -> dict[str, Any]:
    if not isinstance(condition, dict):
        raise ValidationError(_("%(where)s: a condition must be an object.") % {"where": where})
    groups = [k for k in ("all", "any") if k in condition]
    if groups:
        if len(condition) != 1:
            raise ValidationError(
                _("%(where)s: a group holds only “all” or “any” and its list.") % {"where": where}
            )
        key = groups[0]
        items = condition[key]
        if not isinstance(items, list):
            raise ValidationError(_("%(where)s: “%(key)s” needs a list.") % {"where": where, "key": key})
        return {key: [_validate(fields, c, f"{where}.{key}[{i}]") for i, c in enumerate(items)]}
    unknown_keys = set(condition) - {"field", "op", "value"}
    if unknown_keys or "field" not in condition or "op" not in condition:
        raise ValidationError(
            _("%(where)s: a condition is a group (“all”/“any”) or a field, an operator and a value.")
            % {"where": where}
        )
    name, op = condition["field"], condition["op"]
    rule_field = fields.get(name) if isinstance(name, str) else None
    if rule_field is None:
        raise ValidationError(
            _("%(where)s: unknown field %(field)s; the fields are: %(fields)s.")
            % {"where": where, "field": name, "fields": ", ".join(sorted(fields))}
        )
    if op not in _BY_KIND[rule_field.kind]:
        raise ValidationError(
            _("%(where)s: the operator %(op)s cannot be used with %(field)s.")
            % {"where": where, "op": op, "field": name}
        )
    value = condition.get("value")
    if op == "isnull":
        if not isinstance(value, bool):
            raise ValidationError(_("%(where)s: true or false is needed.") % {"where": where})
        coerced: Any = value
    elif op in ("in", "not_in"):
        if not isinstance(value, list) or not value:
            raise ValidationError(_("%(where)s: a non-empty list is needed.") % {"where": where})
        coerced = [_coerce(rule_field, v, where) for v in value]
    else:
        coerced = _coerce(rule_field, value, where)
    return {"field": name, "op": op, "value": _json_value(coerced)}


# --- evaluation -------------------------------------------------------------------------------------


def _typed(rule_field: RuleField, value: Any) -> Any:
    if rule_field.kind == NUMBER:
        return [Decimal(v) for v in value] if isinstance(value, list) else Decimal(value)
    if rule_field.kind == DATE:
        return dt.date.fromisoformat(value)
    return value


def _compare(op: str, actual: Any, expected: Any) -> bool:
    if op == "isnull":
        return (actual is None) == expected
    if actual is None:
        return False
    if isinstance(actual, float):
        actual = Decimal(str(actual))
    if op == "eq":
        return bool(actual == expected)
    if op == "ne":
        return bool(actual != expected)
    if op == "in":
        return actual in expected
    if op == "not_in":
        return actual not in expected
    if op == "lt":
        return bool(actual < expected)
    if op == "lte":
        return bool(actual <= expected)
    if op == "gt":
        return bool(actual > expected)
    return bool(actual >= expected)


def evaluate(subject_key: str, condition: dict[str, Any], obj: Any) -> bool:
    """Whether ``obj`` (loaded through the subject's queryset) meets the validated ``condition``."""
    return _evaluate(subject(subject_key).all_fields(), condition, obj)


def _evaluate(fields: dict[str, RuleField], condition: dict[str, Any], obj: Any) -> bool:
    if "all" in condition:
        return all(_evaluate(fields, c, obj) for c in condition["all"])
    if "any" in condition:
        return any(_evaluate(fields, c, obj) for c in condition["any"])
    rule_field = fields[condition["field"]]
    op = condition["op"]
    expected = condition["value"] if op == "isnull" else _typed(rule_field, condition["value"])
    return _compare(op, rule_field.value_of(obj), expected)


def to_q(subject_key: str, condition: dict[str, Any]) -> Q:
    """The validated ``condition`` as one filter over the subject's queryset."""
    return _to_q(subject(subject_key).all_fields(), condition)


_NOTHING = Q(pk__in=[])
_EVERYTHING = Q(pk__isnull=False)


def _to_q(fields: dict[str, RuleField], condition: dict[str, Any]) -> Q:
    if "all" in condition:
        # An empty group holds; spelt out, since an empty Q() vanishes when OR-ed with another.
        q = _EVERYTHING
        for c in condition["all"]:
            q &= _to_q(fields, c)
        return q
    if "any" in condition:
        parts = [_to_q(fields, c) for c in condition["any"]]
        if not parts:
            return _NOTHING
        q = parts[0]
        for part in parts[1:]:
            q |= part
        return q
    rule_field = fields[condition["field"]]
    op, path = condition["op"], rule_field.path
    if op == "isnull":
        return Q(**{f"{path}__isnull": condition["value"]})
    expected = _typed(rule_field, condition["value"])
    present = Q(**{f"{path}__isnull": False}) if rule_field.nullable else _EVERYTHING
    if op == "eq":
        return present & Q(**{path: expected})
    if op == "ne":
        return present & ~Q(**{path: expected})
    if op == "in":
        return present & Q(**{f"{path}__in": expected})
    if op == "not_in":
        return present & ~Q(**{f"{path}__in": expected})
    return present & Q(**{f"{path}__{op}": expected})


def matching(
    subject_key: str, condition: dict[str, Any], queryset: models.QuerySet[Any] | None = None
) -> models.QuerySet[Any]:
    """Every object of the subject (or of ``queryset``) that meets ``condition``: one query."""
    rule_subject = subject(subject_key)
    return rule_subject.queryset(queryset, condition=condition).filter(
        _to_q(rule_subject.all_fields(), condition)
    )


# --- explanation ------------------------------------------------------------------------------------


@dataclass
class Reason:
    """One line of why a rule did or did not hold, for the person who confirms the proposal."""

    text: str
    met: bool
    children: list[Reason] = field(default_factory=list)


def _display(rule_field: RuleField, value: Any) -> str:
    if isinstance(value, list):
        return join_words(_display(rule_field, v) for v in value)
    if rule_field.kind == BOOL:
        return _("yes") if value else _("no")
    if rule_field.kind == NUMBER and rule_field.choices:
        # A stored number is text ("6"): it reads as the level it ranks.
        try:
            number = Decimal(str(value))
        except (InvalidOperation, ValueError):
            return str(value)
        return {Decimal(str(c)): str(label) for c, label in rule_field.choices}.get(number, str(value))
    labels = {c: str(label) for c, label in rule_field.choices}
    return labels.get(value, str(value))


def explain(subject_key: str, condition: dict[str, Any], obj: Any) -> Reason:
    """The condition as a tree of readable lines, each marked met or not for ``obj``."""
    return words(subject_key, trace(subject_key, condition, obj))


def trace(subject_key: str, condition: dict[str, Any], obj: Any) -> dict[str, Any]:
    """What the condition found in ``obj``, language-neutral and JSON-safe, to be stored with a decision.

    Each node is ``{"all"|"any": [...], "met": bool}`` or a leaf ``{"field", "op", "value", "actual",
    "met"}``; :func:`words` turns it into lines in whatever language is active when it is read, so a
    decision taken on a Chinese page reads in English on an English one.
    """
    return _trace(subject(subject_key).all_fields(), condition, obj)


def _trace(fields: dict[str, RuleField], condition: dict[str, Any], obj: Any) -> dict[str, Any]:
    if "all" in condition or "any" in condition:
        key = "all" if "all" in condition else "any"
        children = [_trace(fields, c, obj) for c in condition[key]]
        met = all(c["met"] for c in children) if key == "all" else any(c["met"] for c in children)
        return {key: children, "met": met}
    rule_field = fields[condition["field"]]
    return {
        "field": condition["field"],
        "op": condition["op"],
        "value": condition["value"],
        "actual": _json_safe(rule_field.value_of(obj)),
        "met": _evaluate(fields, condition, obj),
    }


def _json_safe(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def words(subject_key: str, node: dict[str, Any]) -> Reason:
    """A stored :func:`trace` as readable lines in the active language."""
    return _words(subject(subject_key).all_fields(), node)


def _words(fields: dict[str, RuleField], node: dict[str, Any]) -> Reason:
    if "all" in node or "any" in node:
        key = "all" if "all" in node else "any"
        text = _("All of these hold") if key == "all" else _("At least one of these holds")
        return Reason(str(text), node["met"], [_words(fields, c) for c in node[key]])
    rule_field = fields.get(node["field"])
    label = rule_field.label if rule_field else node["field"]
    if node["op"] == "isnull":
        text = (_("%(field)s is missing") if node["value"] else _("%(field)s is given")) % {"field": label}
    else:
        shown = (lambda v: _display(rule_field, v)) if rule_field else str
        text = _("%(field)s %(op)s %(value)s (here: %(actual)s)") % {
            "field": label,
            "op": OPERATORS[node["op"]],
            "value": shown(node["value"]),
            "actual": "—" if node["actual"] is None else shown(node["actual"]),
        }
    return Reason(str(text), node["met"])


def lines(subject_key: str, node: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored :func:`trace` flattened to ``{"text", "met", "depth"}`` lines for a page."""

    def flatten(reason: Reason, depth: int) -> Iterable[dict[str, Any]]:
        yield {"text": reason.text, "met": reason.met, "depth": depth}
        for child in reason.children:
            yield from flatten(child, depth + 1)

    return list(flatten(words(subject_key, node), 0))


# --- description without an object, and the near misses ----------------------------------------------

# What a leaf asks for, after "needs": "employees 8, needs at least 10".
NEEDS: dict[str, Promise] = {
    "eq": gettext_lazy("to be"),
    "ne": gettext_lazy("not to be"),
    "lt": gettext_lazy("less than"),
    "lte": gettext_lazy("at most"),
    "gt": gettext_lazy("more than"),
    "gte": gettext_lazy("at least"),
    "in": gettext_lazy("one of"),
    "not_in": gettext_lazy("none of"),
}


def _leaf_text(fields: dict[str, RuleField], condition: dict[str, Any]) -> str:
    rule_field = fields.get(condition["field"])
    label = rule_field.label if rule_field else condition["field"]
    if condition["op"] == "isnull":
        return str(
            (_("%(field)s is missing") if condition["value"] else _("%(field)s is given")) % {"field": label}
        )
    shown = _display(rule_field, condition["value"]) if rule_field else str(condition["value"])
    return str(
        _("%(field)s %(op)s %(value)s") % {"field": label, "op": OPERATORS[condition["op"]], "value": shown}
    )


def _describe(
    fields: dict[str, RuleField], condition: dict[str, Any], depth: int
) -> Iterable[dict[str, Any]]:
    if "all" in condition or "any" in condition:
        key = "all" if "all" in condition else "any"
        text = _("All of these hold") if key == "all" else _("At least one of these holds")
        yield {"text": str(text), "depth": depth}
        for child in condition[key]:
            yield from _describe(fields, child, depth + 1)
        return
    yield {"text": _leaf_text(fields, condition), "depth": depth}


def describe(subject_key: str, condition: dict[str, Any]) -> list[dict[str, Any]]:
    """The validated ``condition`` in plain language without an object, as ``{"text", "depth"}`` lines
    ("employees is at least 10")."""
    return list(_describe(subject(subject_key).all_fields(), condition, 0))


def summary(subject_key: str, condition: dict[str, Any]) -> str:
    """The validated ``condition`` in one line: a leaf as :func:`describe` says it, a group joined by
    "and" / "or" in brackets."""
    return _summary(subject(subject_key).all_fields(), condition)


def _summary(fields: dict[str, RuleField], condition: dict[str, Any]) -> str:
    if "all" in condition or "any" in condition:
        key = "all" if "all" in condition else "any"
        joiner = str(_(" and ")) if key == "all" else str(_(" or "))
        parts = [_summary(fields, c) for c in condition[key]]
        if len(parts) > 1:
            return _("(%(group)s)") % {"group": joiner.join(parts)}
        return parts[0] if parts else "—"
    return _leaf_text(fields, condition)


def top_conditions(condition: dict[str, Any]) -> list[dict[str, Any]]:
    """The conditions a near miss counts: the children of a top-level ``all``; a single leaf or an
    ``any`` is one condition."""
    if "all" in condition:
        return list(condition["all"])
    return [condition]


def near_misses(
    subject_key: str, condition: dict[str, Any], queryset: models.QuerySet[Any] | None = None
) -> models.QuerySet[Any]:
    """The objects of the subject (or of ``queryset``) that fail exactly one of the validated
    ``condition``'s top-level conditions (:func:`top_conditions`), each annotated with ``near_miss``:
    the index of the one it fails. One query: a 0/1 per condition and row (a missing value fails, as
    :func:`evaluate` says), kept where the sum is one short."""
    rule_subject = subject(subject_key)
    fields = rule_subject.all_fields()
    parts = top_conditions(condition)
    qs = rule_subject.queryset(queryset, condition=condition)
    if not parts:
        return qs.none()
    met = {
        f"rule_met_{i}": models.Case(
            models.When(_to_q(fields, part), then=models.Value(1)),
            default=models.Value(0),
            output_field=models.IntegerField(),
        )
        for i, part in enumerate(parts)
    }
    qs = qs.alias(**met)
    total: Any = models.F("rule_met_0")
    for i in range(1, len(parts)):
        total = total + models.F(f"rule_met_{i}")
    failed = models.Case(
        *(models.When(**{f"rule_met_{i}": 0}, then=models.Value(i)) for i in range(len(parts))),
        output_field=models.IntegerField(),
    )
    return (
        qs.alias(rule_met=models.ExpressionWrapper(total, output_field=models.IntegerField()))
        .filter(rule_met=len(parts) - 1)
        .annotate(near_miss=failed)
    )


def near_miss_python(subject_key: str, condition: dict[str, Any], obj: Any) -> int | None:
    """The index of the one top-level condition ``obj`` fails, by the Python evaluation; None when it
    fails none or more than one (what :func:`near_misses` finds, one object at a time)."""
    fields = subject(subject_key).all_fields()
    failing = [i for i, part in enumerate(top_conditions(condition)) if not _evaluate(fields, part, obj)]
    return failing[0] if len(failing) == 1 else None


def hint(subject_key: str, condition: dict[str, Any], obj: Any) -> str:
    """What ``obj`` misses of ``condition`` (one top-level condition), in words: "employees 8, needs at
    least 10"; for a group, what it needs."""
    return _hint(subject(subject_key).all_fields(), condition, obj)


def hints(subject_key: str, condition: dict[str, Any], objs: Iterable[Any]) -> dict[Any, str]:
    """:func:`hint` for each of ``objs`` (by primary key), the subject's fields read once."""
    fields = subject(subject_key).all_fields()
    return {obj.pk: _hint(fields, condition, obj) for obj in objs}


def _hint(fields: dict[str, RuleField], condition: dict[str, Any], obj: Any) -> str:
    if "all" in condition or "any" in condition:
        return str(_("needs %(condition)s") % {"condition": _summary(fields, condition)})
    rule_field = fields.get(condition["field"])
    label = rule_field.label if rule_field else condition["field"]
    actual = rule_field.value_of(obj) if rule_field else None
    if actual is None or rule_field is None:
        shown_actual = str(_("missing"))
    else:
        shown_actual = _display(rule_field, _json_safe(actual))
    if condition["op"] == "isnull":
        wanted = _("to be missing") if condition["value"] else _("to be given")
    else:
        shown = _display(rule_field, condition["value"]) if rule_field else str(condition["value"])
        wanted = f"{NEEDS[condition['op']]} {shown}"
    return str(
        _("%(field)s %(actual)s, needs %(wanted)s")
        % {"field": label, "actual": shown_actual, "wanted": wanted}
    )


def describe_fields(subject_key: str) -> Iterable[tuple[str, str, str]]:
    """(name, label, kind) of every field a rule of the subject may use, for the administration page."""
    for name, rule_field in sorted(subject(subject_key).all_fields().items()):
        label = str(rule_field.label)
        if rule_field.kind == NUMBER and rule_field.choices:
            values = join_words(f"{value} {text}" for value, text in rule_field.choices)
            label = _("%(field)s (%(values)s)") % {"field": label, "values": values}
        yield name, label, rule_field.kind


def rule_in_force(code: str, on: dt.date) -> Any:
    """The ``core.Rule`` row ``code`` in force on ``on`` (a configuration error when none is)."""
    from hrbureau.core.dated import in_force
    from hrbureau.core.models import Rule

    return in_force(Rule.objects.filter(code=code), on, what=f"rule {code!r}")
