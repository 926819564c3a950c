"""Subsidy pages: the head configures a scheme (rates, levels, exclusions), staff file at the counter by
ID number, the case page shows decisions and instalments and records the re-verification, the person
applies on the portal and follows their application, the employer confirms from its portal, the lists
filter and search, and the queue costs a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hrbureau.accounts.choices import Role
from hrbureau.talent import subsidy_applications as svc
from hrbureau.talent.choices import AmountRule, ApplicationState, Channel, InstalmentState
from hrbureau.talent.models import SubsidyApplication, SubsidyScheme
from hrbureau.talent.tests.subsidy_helpers import make_scheme, submit

pytestmark = pytest.mark.django_db


def test_the_head_configures_a_scheme_by_degree(world, client_for):
    housing = make_scheme(name="人才住房")
    client = client_for("dept_head")
    response = client.post(
        "/talent/schemes/new/",
        {
            "code": "living",
            "name": "新引进人才生活补贴",
            "amount_rule": AmountRule.BY_DEGREE,
            "instalments": 1,
            "payee": "person",
            "notice_days": 0,
            "rates": "bachelor 15000 30\nmaster 25,000 35\nphd 30000 40",
            "levels": "dept_staff\ndept_head",
            "excludes": [housing.pk],
            "eligibility": '{"field": "degree", "op": "in", "value": ["bachelor", "master", "phd"]}',
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    scheme = SubsidyScheme.objects.get(code="living")
    assert dict(scheme.rates.values_list("degree", "amount")) == {
        "bachelor": Decimal("15000.00"),
        "master": Decimal("25000.00"),
        "phd": Decimal("30000.00"),
    }
    assert list(scheme.levels.values_list("number", "role")) == [(1, "dept_staff"), (2, "dept_head")]
    assert list(housing.excludes.all()) == [scheme]
    page = client.get(f"/talent/schemes/{scheme.pk}/").content.decode()
    assert "15000.00" in page


def test_a_scheme_with_a_wrong_rate_or_condition_is_refused_with_the_reason(world, client_for):
    response = client_for("dept_head").post(
        "/talent/schemes/new/",
        {
            "code": "bad",
            "name": "错误",
            "amount_rule": AmountRule.BY_DEGREE,
            "instalments": 1,
            "payee": "person",
            "notice_days": 0,
            "rates": "diploma 15000 30",
            "levels": "street_staff",
            "eligibility": '{"field": "shoe_size", "op": "eq", "value": 1}',
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"rates", "levels", "eligibility"} <= set(errors)
    assert not SubsidyScheme.objects.filter(code="bad").exists()


def test_staff_file_at_the_counter_for_a_person_found_by_id_number(world, client_for):
    scheme = make_scheme()
    person = world.people["b1"]
    client = client_for("dept_staff")
    response = client.post(
        "/talent/applications/counter/",
        {
            "scheme": scheme.pk,
            "id_number": person.id_number,
            "bank_name": "农业银行",
            "account_name": person.name,
            "account_number": "6228000000000001",
        },
    )
    application = SubsidyApplication.objects.get(person=person)
    assert response.status_code == 302
    assert application.channel == Channel.COUNTER
    assert application.filed_by == world.user("dept_staff")
    # The case page shows the account's last 4 digits only (the bank file alone carries it whole).
    page = client.get(f"/talent/applications/{application.pk}/").content.decode()
    assert "************0001" in page
    assert "6228000000000001" not in page
    # The same ID number again is refused with the reason on the form.
    again = client.post(
        "/talent/applications/counter/",
        {
            "scheme": scheme.pk,
            "id_number": person.id_number,
            "bank_name": "农业银行",
            "account_name": person.name,
            "account_number": "6228000000000001",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert again.status_code == 200
    assert "同一项目每人只能享受一次" in again.content.decode()
    assert SubsidyApplication.objects.filter(person=person).count() == 1


def test_the_person_applies_on_the_portal_and_follows_it(world, client_for):
    scheme = make_scheme(fixed_amount=Decimal("6000"))
    client = client_for("individual")
    assert scheme.name in client.get("/talent/my/schemes/").content.decode()
    response = client.post(
        f"/talent/my/schemes/{scheme.pk}/apply/",
        {
            "bank_name": "建设银行",
            "account_name": "居民A1",
            "account_number": "6217000000000001",
            "statement": "申请",
        },
    )
    application = SubsidyApplication.objects.get(person=world.people["a1"])
    assert response.status_code == 302
    assert response["Location"] == f"/talent/my/applications/{application.pk}/"
    svc.application_request_supplement(
        actor=world.user("dept_staff"), application=application, reason="补充证书"
    )
    page = client.get(response["Location"]).content.decode()
    assert application.number in page
    assert "补充证书" in page
    assert "等待用人单位确认" not in page  # this scheme asks no employer: nothing ever waited for one
    # The person sends the supplement from the portal (the action core renders).
    sent = client.post(
        f"/core/cases/talent.subsidyapplication/{application.pk}/actions/resubmit/",
        {"statement": "已上传", "version": application.version},
    )
    assert sent.status_code in (200, 302)
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_REVIEW
    listing = client.get("/talent/my/applications/").content.decode()
    assert application.number in listing


def test_the_employer_confirms_in_its_portal(world, client_for):
    scheme = make_scheme(employer_confirms=True)
    application = submit(world, scheme, employer=world.enterprises["a1"])
    # The applicant and the staff read that it waits for the employer, and which one.
    waiting = 'data-testid="waiting-employer"'
    mine = client_for("individual").get(f"/talent/my/applications/{application.pk}/").content.decode()
    assert waiting in mine
    assert world.enterprises["a1"].name in mine
    staff_page = client_for("dept_staff").get(f"/talent/applications/{application.pk}/").content.decode()
    assert waiting in staff_page
    client = client_for("enterprise")
    assert application.number in client.get("/talent/my/confirmations/").content.decode()
    response = client.post(
        f"/core/cases/talent.subsidyapplication/{application.pk}/actions/employer_confirm/",
        {"opinion": "属实", "version": application.version},
    )
    assert response.status_code in (200, 302)
    application.refresh_from_db()
    assert application.state == ApplicationState.IN_REVIEW
    assert application.decisions.get().level == 0
    assert (
        waiting
        not in client_for("dept_staff").get(f"/talent/applications/{application.pk}/").content.decode()
    )


def test_the_case_page_shows_decisions_and_records_the_reverification(world, client_for):
    scheme = make_scheme(instalments=3, reverify=True, fixed_amount=Decimal("30000"))
    application = submit(world, scheme)
    svc.application_approve(
        actor=world.user("dept_staff"),
        application=application,
        opinion="同意",
        step="approve",
        on=dt.date(2025, 1, 10),
    )
    client = client_for("dept_head")
    page = client.get(f"/talent/applications/{application.pk}/").content.decode()
    assert "同意" in page
    assert 'data-testid="instalment-2" data-state="waiting"' in page
    assert 'data-testid="reverify-form"' in page
    second = application.instalments.get(number=2)
    response = client.post(
        f"/talent/instalments/{second.pk}/reverify/", {"still_works": "no", "reason": "已离开本区"}
    )
    assert response.status_code == 302
    assert set(application.instalments.filter(number__gte=2).values_list("state", flat=True)) == {
        InstalmentState.STOPPED
    }


def test_the_staff_list_filters_and_searches(world, client_for):
    scheme, other_scheme = make_scheme(), make_scheme(name="住房补贴")
    mine = submit(world, scheme)
    theirs = svc.application_submit(
        actor=world.user("dept_staff"),
        scheme=other_scheme,
        person=world.people["b1"],
        channel=Channel.COUNTER,
    )
    client = client_for("dept_head")
    page = client.get(f"/talent/applications/?scheme={scheme.pk}").content.decode()
    assert mine.number in page
    assert theirs.number not in page
    page = client.get(f"/talent/applications/?street={world.units['street-b'].pk}").content.decode()
    assert theirs.number in page
    assert mine.number not in page
    page = client.get("/talent/applications/?channel=counter").content.decode()
    assert theirs.number in page
    assert mine.number not in page
    page = client.get("/talent/applications/?q=居民B1").content.decode()
    assert theirs.number in page
    assert mine.number not in page
    # ID numbers are masked in the list.
    assert world.people["b1"].id_number not in page


def test_the_queue_page_costs_the_same_whatever_its_rows(world, client_for):
    scheme = make_scheme(levels=[Role.DEPT_STAFF])
    client = client_for("dept_staff")
    submit(world, scheme)
    client.get("/talent/applications/queue/")  # warm up the session and the cached choices
    with CaptureQueriesContext(connection) as one:
        assert client.get("/talent/applications/queue/").status_code == 200
    for key in ("a2", "b1", "b2"):
        svc.application_submit(
            actor=world.user("dept_head"), scheme=scheme, person=world.people[key], channel="counter"
        )
    with CaptureQueriesContext(connection) as four:
        response = client.get("/talent/applications/queue/")
    assert response.content.decode().count("/talent/applications/") >= 4
    assert len(four.captured_queries) == len(one.captured_queries)


def test_the_portal_offers_each_scheme_once_and_never_the_internship_subsidy(world, client_for):
    living = make_scheme(fixed_amount=Decimal("6000"), name="新引进人才生活补贴", name_en="Living subsidy")
    make_scheme(
        code="intern",
        name="见习补贴",
        amount_rule=AmountRule.INTERNSHIP,
        fixed_amount=None,
        monthly_amount=None,
    )
    client = client_for("individual")
    page = client.get("/talent/my/schemes/").content.decode()
    assert 'data-testid="apply-intern"' not in page  # the employer reports internships; no one applies
    assert f'data-testid="apply-{living.code}"' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<h3 class="card-title">Living subsidy</h3>' in client.get("/talent/my/schemes/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    # Once the person has applied, the scheme leads to that application instead of a second one.
    client.post(
        f"/talent/my/schemes/{living.pk}/apply/",
        {"bank_name": "建设银行", "account_name": "居民A1", "account_number": "6217000000000001"},
    )
    application = SubsidyApplication.objects.get(person=world.people["a1"], scheme=living)
    page = client.get("/talent/my/schemes/").content.decode()
    assert f'data-testid="apply-{living.code}"' not in page
    assert f'href="/talent/my/applications/{application.pk}/" data-testid="mine-{living.code}"' in page


def test_the_application_form_asks_what_the_scheme_needs(world, client_for):
    fixed = make_scheme(fixed_amount=Decimal("6000"))
    monthly = make_scheme(
        amount_rule=AmountRule.MONTHLY, fixed_amount=None, monthly_amount=Decimal("500"), max_months=12
    )
    confirmed = make_scheme(fixed_amount=Decimal("6000"), employer_confirms=True)
    client = client_for("individual")
    fixed_page = client.get(f"/talent/my/schemes/{fixed.pk}/apply/").content.decode()
    assert 'name="months"' not in fixed_page
    assert 'name="employer_uscc"' in fixed_page
    assert 'name="months"' in client.get(f"/talent/my/schemes/{monthly.pk}/apply/").content.decode()
    # Where the employer confirms, its USCC is required and the form says so before anything is sent.
    response = client.post(
        f"/talent/my/schemes/{confirmed.pk}/apply/",
        {"bank_name": "建设银行", "account_name": "居民A1", "account_number": "6217000000000001"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["employer_uscc"]
    assert not SubsidyApplication.objects.filter(scheme=confirmed).exists()
