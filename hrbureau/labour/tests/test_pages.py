"""The pages drive the same services: the phone inspection form, the risk's actions, the early-warning
list and the plan made from it, samples, and figures whose links list exactly the rows they count."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from hrbureau.labour import scoring
from hrbureau.labour.choices import RiskState, Severity
from hrbureau.labour.models import Inspection, InspectionPlan, Risk, Sample
from hrbureau.labour.tests.conftest import all_yes, record
from hrbureau.labour.tests.test_risks import PNG


@pytest.fixture
def client(client: Any) -> Any:
    client.cookies["hrbureau_language"] = "en"
    return client


def _inspection_post(**extra: Any) -> dict[str, Any]:
    data = {f"q_{code}": answer for code, answer in all_yes().items()}
    data.update({"kind": "routine", "visited_on": timezone.localdate().isoformat(), "workers_present": "8"})
    data.update(extra)
    return data


def test_the_grid_worker_inspects_from_the_phone_form(world: Any, lab: dict[str, Any], client: Any) -> None:
    enterprise = world.enterprises["a1"]
    client.force_login(lab["grid"])
    visits = client.get("/labour/visits/?q=企业A1").content.decode()
    assert f"/labour/inspect/{enterprise.pk}/" in visits
    assert (
        "企业B1"
        not in client.get("/labour/visits/?q=企业B1").content.decode().split('data-testid="found"')[1]
    )
    page = client.get(f"/labour/inspect/{enterprise.pk}/")
    assert page.status_code == 200
    assert 'name="q_wages_on_time"' in page.content.decode()
    assert 'name="q_fire_exits"' not in page.content.decode()  # safety items only on the joint check
    assert (
        'name="q_fire_exits"' in client.get(f"/labour/inspect/{enterprise.pk}/?kind=joint").content.decode()
    )
    # A "no" without a risk or a note: answered on the form, nothing written.
    refused = client.post(f"/labour/inspect/{enterprise.pk}/", _inspection_post(q_wages_on_time="no"))
    assert refused.status_code == 422
    assert "record the risk, or say in the notes" in refused.content.decode()
    assert 'value="no" checked' in refused.content.decode()  # the answers are kept
    assert not Inspection.objects.exists()
    done = client.post(
        f"/labour/inspect/{enterprise.pk}/",
        _inspection_post(
            q_wages_on_time="no",
            risk0_type="wage_arrears",
            risk0_severity="serious",
            risk0_workers="6",
            risk0_arrears="36000",
            risk0_description="拖欠6名工人两个月工资",
            photos=SimpleUploadedFile("现场.png", PNG, content_type="image/png"),
        ),
        follow=True,
    )
    assert "Inspection recorded: 1 risk(s) found." in done.content.decode()
    inspection = Inspection.objects.get()
    risk = inspection.risks.get()
    assert (risk.severity, risk.workers_affected, risk.state) == (Severity.SERIOUS, 6, RiskState.FOUND)
    # The photo is downloadable by whoever may see the inspection, and by nobody else.
    photo = re.search(r"/core/attachments/(\d+)/", done.content.decode())
    assert photo is not None
    assert client.get(photo.group(0)).status_code == 200
    client.force_login(lab["grid_b"])
    assert client.get(photo.group(0)).status_code == 403
    assert client.get(f"/labour/inspections/{inspection.pk}/").status_code == 403


def test_the_risk_is_resolved_and_verified_from_its_page(
    world: Any, lab: dict[str, Any], client: Any
) -> None:
    risk = record(world, lab, on=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(lab["street"])
    page = client.get(f"/labour/risks/{risk.pk}/").content.decode()
    assert 'data-action="assign"' in page
    assert 'data-action="verify"' not in page
    act = f"/core/cases/labour.risk/{risk.pk}/actions/"
    # The assignment's form offers the streets and departments, the risk's own street chosen already.
    form = client.get(f"{act}assign/").content.decode()
    assert f'<option value="{world.units["street-a"].pk}" selected>' in form
    assert 'type="date"' in form
    assert "Done on" in form
    bad = client.post(f"{act}assign/", {"unit": "abc"}).content.decode()
    assert "Choose a street or a department" in bad
    client.post(f"{act}assign/", {"unit": world.units["street-a"].pk})
    client.post(f"{act}take_up/", {})
    no_reason = client.post(f"{act}resolve/", {"resolution": ""}).content.decode()
    assert "This field is required" in no_reason
    assert Risk.objects.get(pk=risk.pk).state == RiskState.RESOLVING
    client.post(f"{act}resolve/", {"resolution": "已督促企业发放"})
    assert Risk.objects.get(pk=risk.pk).state == RiskState.RESOLVED
    client.force_login(lab["staff"])
    done = client.post(f"{act}verify/", {}, follow=True).content.decode()
    assert "Now “Verified”" in done
    assert client.post(f"{act}nonsense/", {}).status_code == 404


def test_the_early_warning_list_makes_a_plan(world: Any, lab: dict[str, Any], client: Any) -> None:
    for _ in range(3):
        record(world, lab, actor=lab["staff"], severity=Severity.MINOR)
    scoring.compute_scores()
    client.force_login(lab["staff"])
    page = client.get("/labour/warnings/").content.decode()
    a1 = world.enterprises["a1"]
    assert f'value="{a1.pk}"' in page
    score = client.get(f"/labour/scores/{a1.pk}/").content.decode()
    assert 'data-component="open_risks"' in score
    made = client.post(
        "/labour/plans/new/",
        {
            "name": "预警企业走访",
            "kind": "routine",
            "starts_on": timezone.localdate().isoformat(),
            "ends_on": (timezone.localdate() + dt.timedelta(days=7)).isoformat(),
            "enterprise": [a1.pk],
        },
        follow=True,
    ).content.decode()
    assert "Plan made: 1 visits." in made
    plan = InspectionPlan.objects.get()
    assert plan.targets.get().inspector == lab["grid"]
    # The grid worker finds it in their visits.
    client.force_login(lab["grid"])
    assert "预警企业走访" in client.get("/labour/visits/").content.decode()
    # Nothing ticked: a message, no plan.
    client.force_login(lab["staff"])
    nothing = client.post(
        "/labour/plans/new/", {"name": "x", "kind": "routine"}, follow=True
    ).content.decode()
    assert "Tick the enterprises" in nothing
    assert InspectionPlan.objects.count() == 1
    export = client.get("/labour/warnings/?export=xlsx")
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content))).active
    assert sheet is not None
    assert sheet.cell(row=2, column=2).value == a1.uscc  # the code as text


def test_a_sample_is_drawn_verified_and_exported(world: Any, lab: dict[str, Any], client: Any) -> None:
    client.force_login(lab["staff"])
    refused = client.post(
        "/labour/samples/", {"name": "", "size": "x", "seed": "1"}, follow=True
    ).content.decode()
    assert "whole number of at least 1" in refused
    done = client.post(
        "/labour/samples/",
        {"name": "用工调查", "size": "2", "seed": "2026", "strata": ["street"]},
        follow=True,
    ).content.decode()
    assert "Sample drawn: 2 enterprises." in done
    sample = Sample.objects.get()
    verified = client.get(f"/labour/samples/{sample.pk}/?verify=1").content.decode()
    assert "exactly the same enterprises" in verified
    export = client.get(f"/labour/samples/{sample.pk}/?export=xlsx")
    rows = list(load_workbook(BytesIO(b"".join(export.streaming_content))).active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert len(rows) == 3
    assert "东湖街道" in rows[1][0] or "西岭街道" in rows[1][0]


def test_every_figure_links_to_the_rows_it_counts(world: Any, lab: dict[str, Any], client: Any) -> None:
    today = timezone.localdate()
    a = [record(world, lab, on=today - dt.timedelta(days=d)) for d in (1, 2, 3)]
    b = record(world, lab, key="b1", on=today - dt.timedelta(days=1))
    from hrbureau.labour import services

    services.risk_assign(actor=lab["street"], risk=a[0], unit=world.units["street-a"])
    services.risk_take_up(actor=lab["street"], risk=a[0])
    services.risk_resolve(actor=lab["street"], risk=a[0], resolution="已解决")
    services.inspection_record(
        actor=lab["grid"], enterprise=world.enterprises["a1"], kind="routine", answers=all_yes()
    )
    services.inspection_record(
        actor=lab["grid_b"], enterprise=world.enterprises["b1"], kind="routine", answers=all_yes()
    )
    client.force_login(lab["staff"])
    page = client.get("/labour/statistics/").content.decode()
    assert re.search(r'data-testid="total-found">4<', page)
    assert re.search(r'data-testid="total-resolved">1<', page)
    assert "25.0 %" in page
    links = re.findall(r'href="(/labour/risks/\?[^"]+)">(\d+)<', page)
    assert links
    for url, count in links:
        listed = client.get(url.replace("&amp;", "&")).content.decode()
        assert listed.count('class="text-code"><a href="/labour/risks/') == int(count), url
    screened = re.findall(r'href="(/labour/inspections/\?[^"]+)"[^>]*>(\d+)<', page)
    assert screened
    # Street A's staff read only street A's figures.
    client.force_login(lab["street"])
    theirs = client.get("/labour/statistics/").content.decode()
    assert re.search(r'data-testid="total-found">3<', theirs)
    assert b.number not in client.get("/labour/risks/").content.decode()
    export = client.get("/labour/statistics/?export=xlsx")
    assert export.status_code == 200


# --- bad input is refused inside the form, nothing written ---------------------------------------------

HUGE = "9" * 30


def test_the_inspection_form_refuses_a_day_to_come_and_a_planned_visit_out_of_reach(
    world: Any, lab: dict[str, Any], client: Any
) -> None:
    from hrbureau.labour import services
    from hrbureau.labour.models import PlanTarget

    today = timezone.localdate()
    plan = services.plan_create(
        actor=lab["staff"],
        name="排查",
        kind="routine",
        starts_on=today,
        ends_on=today + dt.timedelta(days=7),
        enterprise_ids=[world.enterprises["a1"].pk, world.enterprises["b1"].pk],
    )
    elsewhere = PlanTarget.objects.get(plan=plan, enterprise=world.enterprises["b1"])
    a1 = world.enterprises["a1"]
    client.force_login(lab["grid"])
    url = f"/labour/inspect/{a1.pk}/"
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    cases = {
        "visited_on": _inspection_post(visited_on=tomorrow),
        "target": _inspection_post(target=elsewhere.pk),  # grid B1's visit: not the grid worker's to see
    }
    for field, data in cases.items():
        refused = client.post(url, data)
        assert refused.status_code == 422, field
        page = refused.content.decode()
        form = page.split('data-testid="inspection-form"')[1]
        assert f'data-field-error="{field}"' in form
        assert 'data-testid="inspection-error"' in form
    for bad in ("abc", HUGE, "-1"):  # not a number, too big for a key, no such record
        refused = client.post(url, _inspection_post(target=bad))
        assert refused.status_code == 422, bad
        assert 'data-field-error="target"' in refused.content.decode()
    assert "The day cannot be in the future." in client.post(url, cases["visited_on"]).content.decode()
    assert not Inspection.objects.exists()
    # A link to another grid's planned visit shows the plain form (the routine checklist, no plan).
    page = client.get(f"{url}?target={elsewhere.pk}&kind=nonsense")
    assert page.status_code == 200
    assert "排查" not in page.content.decode()


def test_a_plan_refuses_enterprises_out_of_reach_inside_its_form(
    world: Any, lab: dict[str, Any], client: Any
) -> None:
    for _ in range(3):
        record(world, lab, actor=lab["staff"], severity=Severity.MINOR)
    scoring.compute_scores()
    client.force_login(lab["staff"])
    today = timezone.localdate()
    base = {"name": "走访", "kind": "routine", "starts_on": today.isoformat(), "ends_on": today.isoformat()}
    a1 = world.enterprises["a1"]
    for bad in ("abc", HUGE, str(a1.pk + 100000)):
        refused = client.post("/labour/plans/new/", {**base, "enterprise": [a1.pk, bad]})
        assert refused.status_code == 422, bad
        form = refused.content.decode().split('data-testid="plan-from-warnings"')[1].split("</form>")[0]
        assert 'data-field-error="enterprise"' in form
        assert "Choose enterprises you may see." in form
        assert 'value="走访"' in form  # what was typed is kept
    reversed_period = {**base, "ends_on": (today - dt.timedelta(days=1)).isoformat(), "enterprise": [a1.pk]}
    refused = client.post("/labour/plans/new/", reversed_period).content.decode()
    assert 'data-field-error="ends_on"' in refused.split('data-testid="plan-from-warnings"')[1]
    assert not InspectionPlan.objects.exists()


def test_a_sample_refuses_a_bad_size_or_seed_inside_its_form(
    world: Any, lab: dict[str, Any], client: Any
) -> None:
    client.force_login(lab["staff"])
    for field, data in {
        "size": {"name": "抽样", "size": "x", "seed": "1"},
        "seed": {"name": "抽样", "size": "1", "seed": HUGE[:19]},
        "strata": {"name": "抽样", "size": "1", "seed": "1", "strata": ["colour"]},
    }.items():
        refused = client.post("/labour/samples/", data)
        assert refused.status_code == 422, field
        form = refused.content.decode().split('data-testid="draw-sample"')[1].split("</form>")[0]
        assert f'data-field-error="{field}"' in form
    huge = client.post("/labour/samples/", {"name": "抽样", "size": HUGE, "seed": "1"})
    assert 'data-field-error="size"' in huge.content.decode()
    assert not Sample.objects.exists()
