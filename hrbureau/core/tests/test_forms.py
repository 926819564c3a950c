"""Every form of every app, as a phone and a Chinese reader meet it: a number opens the numeric keypad
(``inputmode``), and an empty choice reads "请选择", never Django's "---------" — in the forms, the list
filters and the admin."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django import forms
from django.contrib import admin
from django.utils import translation

import hrbureau
from hrbureau.core.forms import keypad_of

pytestmark = pytest.mark.shared_world  # the walks only read the world (conftest.world)


def _form_modules() -> Iterator[str]:
    for info in pkgutil.walk_packages(hrbureau.__path__, "hrbureau."):
        last = info.name.rsplit(".", 1)[-1]
        if last in ("forms", "admin", "views", "portal") and ".tests" not in info.name:
            yield info.name


def all_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class the platform defines (in any app's forms, admin, views or portal module)."""
    for name in _form_modules():
        importlib.import_module(name)
    found: list[type[forms.BaseForm]] = []
    pending: list[type] = [forms.BaseForm]
    while pending:
        cls = pending.pop()
        for sub in cls.__subclasses__():
            pending.append(sub)
            if sub.__module__.startswith("hrbureau.") and ".tests" not in sub.__module__:
                found.append(sub)
    return sorted(set(found), key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _instance(cls: type[forms.BaseForm], world: Any) -> forms.BaseForm:
    from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm

    from hrbureau.labour.forms import InspectionForm
    from hrbureau.labour.models import ChecklistItem
    from hrbureau.labour.tests.conftest import reinstall_defaults

    if issubclass(cls, InspectionForm):
        reinstall_defaults()
        return cls(items=list(ChecklistItem.objects.all()))
    if issubclass(cls, PasswordChangeForm | SetPasswordForm):
        return cls(world.users["leader"])
    from hrbureau.core.actions import ActionForm

    if issubclass(cls, ActionForm):
        return _action_form(cls, world)
    if issubclass(cls, forms.ModelForm) and getattr(cls._meta, "model", None) is None:
        pytest.skip("a base class of model forms: its subclasses name the model")
    from hrbureau.personnel.recruitment_forms import RegisterForm as RecruitmentRegisterForm

    if issubclass(cls, RecruitmentRegisterForm):
        from hrbureau.personnel.tests.routes import _recruitment

        return cls(plan=_recruitment(world)["own"].plan)
    return cls()


def _action_form(cls: type[forms.BaseForm], world: Any) -> forms.BaseForm:
    """An action's form as the case page builds it: for a case of the workflow that declares it (a base
    class of forms: any action of its workflow) and a user who may take it."""
    from hrbureau.core.workflow import workflows

    for workflow in workflows():
        for t in workflow.transitions.values():
            if (t.form is not None and issubclass(t.form, cls)) or (
                t.form is None and cls.__module__ == "hrbureau.core.actions"
            ):
                case = _case_of(workflow.label, world)
                return cls(case=case, user=world.users["sysadmin"], transition=t)  # type: ignore[call-arg]
    raise AssertionError(f"{cls.__name__} is the form of no action")


def _case_of(label: str, world: Any) -> Any:
    if label == "petitions.workorder":
        from hrbureau.petitions.tests.factories import categories, make_order

        return make_order(
            actor=world.users["individual"], category=categories()["wages"], person=world.people["a1"]
        )
    if label == "arbitration.dispute":
        from hrbureau.arbitration.tests.conftest import file, reinstall_defaults

        reinstall_defaults()
        return file(world, {"clerk": world.users["arbitration_clerk"]})
    if label in ("labour.risk", "labour.samplemember"):
        from hrbureau.labour import sampling
        from hrbureau.labour.tests.conftest import arrears, reinstall_defaults

        reinstall_defaults()
        if label == "labour.risk":
            from hrbureau.labour import services

            return services.risk_record(
                actor=world.users["dept_staff"], enterprise=world.enterprises["a1"], risk=arrears()
            )
        sample = sampling.sample_draw(actor=world.users["dept_staff"], name="抽样", size=1, seed=1, strata=[])
        return sample.members.get()
    if label == "compliance.evaluation":
        from hrbureau.compliance.tests.routes import _data

        return _data(world)["evaluation"]
    if label == "enterprises.enterprisedemand":
        from hrbureau.enterprises.tests.demand_helpers import file_demand

        return file_demand(world)
    if label == "hrmarket.hragency":
        from hrbureau.hrmarket.tests.routes import _agency

        return _agency(world)
    if label == "hrmarket.industryreport":
        from hrbureau.hrmarket.tests.routes import _report

        return _report(world)
    if label in ("arbitration.hearing", "arbitration.appointment"):
        from hrbureau.arbitration.tests.routes import _appointment_record, _hearing

        return _hearing(world) if label == "arbitration.hearing" else _appointment_record(world)
    if label in ("policies.policyapplication", "policies.grantlist"):
        from hrbureau.policies.tests.routes import _application_data

        data = _application_data(world)
        return data["own"] if label == "policies.policyapplication" else data["grant_list"]
    if label == "policies.policyitem":
        from hrbureau.policies.tests.routes import _library

        return _library(world)["draft"]
    if label == "example.demand":
        from hrbureau.tests.example.tests.routes import _data as demands

        return demands(world)["a"]
    if label in ("enterprises.serviceplanitem", "enterprises.labourdemand"):
        from hrbureau.enterprises.tests.plan_data import plan_data

        return plan_data(world)["item_a1" if label == "enterprises.serviceplanitem" else "demand_a1"]
    # --- certification ---
    if label in ("talent.intakeapplication", "talent.certification"):
        from hrbureau.talent.tests.routes import _certification_data

        found = _certification_data(world)
        return found["intake" if label == "talent.intakeapplication" else "cert"]["a1"]
    # --- recruitment ---
    if label == "personnel.registration":
        from hrbureau.personnel.tests.routes import _recruitment

        return _recruitment(world)["own"]
    if label == "talent.subsidyapplication":  # --- subsidies ---
        from hrbureau.talent.tests.routes import _subsidy_applications_data

        return _subsidy_applications_data(world)["own"]
    if label in ("personnel.certificationrequest", "personnel.promotiondecision"):  # personnel records
        from hrbureau.personnel.tests.routes import _records

        records = _records(world)
        return records["request_a"] if label == "personnel.certificationrequest" else records["promotion"]
    raise AssertionError(f"no case of {label} to build its actions' forms on: add one here")


def test_every_form_is_found() -> None:
    names = {c.__name__ for c in all_form_classes()}
    assert {"InspectionForm", "EnterpriseForm", "PersonForm", "PortalFileForm", "RiskAssignForm"} <= names


@pytest.mark.parametrize("cls", all_form_classes(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_numbers_open_the_numeric_keypad(cls: type[forms.BaseForm], world: Any) -> None:
    form = _instance(cls, world)
    for name, field in form.fields.items():
        keypad = keypad_of(field)
        if keypad is None or field.widget.is_hidden:
            continue
        html = str(form[name])
        assert f'inputmode="{keypad}"' in html, f"{cls.__name__}.{name}: {html}"


@pytest.mark.parametrize("cls", all_form_classes(), ids=lambda c: f"{c.__module__}.{c.__name__}")
def test_an_empty_choice_says_please_choose(cls: type[forms.BaseForm], world: Any) -> None:
    with translation.override("zh-hans"):
        form = _instance(cls, world)
        html = "".join(str(form[name]) for name in form.fields)
    assert "---------" not in html
    for value_label in re.findall(r'<option value=""[^>]*>([^<]*)</option>', html):
        # A filter's empty choice names what it means ("全部街道", "不限"); no dash stands for nothing.
        assert value_label.strip() not in ("", "—", "-", "---"), f"{cls.__name__}: {value_label!r}"


def test_the_numeric_keypad_on_the_pages(world: Any, client_for: Any) -> None:
    """The enterprise form's employees and the inspection form's counts and amounts, as rendered."""
    client = client_for("dept_staff")
    page = client.get("/enterprises/new/").content.decode()
    assert re.search(r'<input[^>]*name="employees"[^>]*inputmode="numeric"', page)
    from hrbureau.labour.tests.conftest import reinstall_defaults

    reinstall_defaults()
    enterprise = world.enterprises["a1"]
    page = client.get(f"/labour/inspect/{enterprise.pk}/").content.decode()
    assert re.search(r'<input[^>]*name="workers_present"[^>]*inputmode="numeric"', page)
    assert re.search(r'<input[^>]*name="risk0_arrears"[^>]*inputmode="decimal"', page)


def test_the_admin_says_please_choose(world: Any, client_for: Any) -> None:
    """Every add page of the admin, in Chinese: no "---------" in any select (nor the actions menu)."""
    client = client_for("sysadmin")
    seen = 0
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        if model_admin.has_add_permission(_request(world)):
            page = client.get(f"/admin/{opts.app_label}/{opts.model_name}/add/")
            assert page.status_code == 200, opts.label
            assert "---------" not in page.content.decode(), opts.label
            seen += 1
        listing = client.get(f"/admin/{opts.app_label}/{opts.model_name}/")
        assert listing.status_code == 200, opts.label
        assert "---------" not in listing.content.decode(), opts.label
    assert seen > 10
    assert "请选择" in client.get("/admin/labour/checklistitem/add/").content.decode()


def _request(world: Any) -> Any:
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = world.users["sysadmin"]
    return request


def test_several_records_are_chosen_among_those_offered_and_a_bad_id_is_refused(world: Any) -> None:
    from hrbureau.core.forms import RecordsChoiceField
    from hrbureau.enterprises.models import Enterprise

    a1, b1 = world.enterprises["a1"], world.enterprises["b1"]
    field = RecordsChoiceField(queryset=Enterprise.objects.filter(pk=a1.pk))
    assert list(field.clean([str(a1.pk)])) == [a1]
    for bad in ([str(b1.pk)], ["abc"], ["9" * 30], ["-1"], [str(a1.pk), "1e3"]):
        with pytest.raises(forms.ValidationError):  # out of the queryset, or no key at all: never a 500
            field.clean(bad)
