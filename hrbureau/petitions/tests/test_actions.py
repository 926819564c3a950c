"""Acting on a work order through core's actions (DESIGN.md mechanism 10): the case page offers what the
reader may do, each action's form comes from its transition's declaration, one dispatch takes it for
the page (with or without HTMX) and the API, under the same permissions, scope and guards."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from hrbureau.accounts import services as account_services
from hrbureau.core.models import CaseAttachment, CaseEvent
from hrbureau.petitions import services
from hrbureau.petitions.models import WorkOrder
from hrbureau.petitions.tests.factories import make_order

pytestmark = pytest.mark.django_db


def _url(order: WorkOrder, name: str) -> str:
    return f"/core/cases/petitions.workorder/{order.pk}/actions/{name}/"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _section(html: str, testid: str) -> str:
    match = re.search(
        rf'data-testid="{testid}".*?(?=data-testid="(?:more-actions|no-actions)"|</details>|$)', html, re.S
    )
    return match.group(0) if match else ""


@pytest.fixture
def complaint(world: Any, office: dict[str, Any]) -> WorkOrder:
    return make_order(
        actor=world.users["individual"],
        category=office["categories"]["wages"],
        person=world.people["a1"],
        enterprise=world.enterprises["a1"],
    )


def test_the_case_page_offers_the_next_steps_as_buttons_and_the_rest_in_a_menu(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    html = _client(office["staff"]).get(f"/petitions/{complaint.pk}/").content.decode()
    primary = _section(html, "primary-actions")
    more = html[html.index('data-testid="more-actions"') :]
    assert 'data-action="dispatch"' in primary
    # Merging, redirecting and declining are there, but not as the next step.
    for name in ("merge", "redirect"):
        assert f'data-action="{name}"' in more
        assert f'data-action="{name}"' not in primary
    # A complaint is not a petition: "accept" (telling a petitioner) is not offered at all.
    assert 'data-action="accept"' not in html
    # Each action with input is a link to its form (a dialog with HTMX, a page without).
    assert f'href="{_url(complaint, "dispatch")}"' in html
    assert f'hx-get="{_url(complaint, "dispatch")}"' in html


def test_the_form_comes_from_the_declaration_in_a_dialog_or_on_its_own_page(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    client = _client(office["staff"])
    dialog = client.get(_url(complaint, "dispatch"), headers={"HX-Request": "true"})
    assert dialog.status_code == 200
    body = dialog.content.decode()
    assert "<html" not in body  # the dialog's content only
    # The suggested unit (the enterprise's street) is chosen already, and said so.
    street = world.units["street-a"]
    assert re.search(rf'<option value="{street.pk}" selected>', body)
    assert 'name="version"' in body
    assert f'value="{complaint.version}"' in body
    page = client.get(_url(complaint, "dispatch"))
    assert page.status_code == 200
    assert "<html" in page.content.decode()
    assert 'data-testid="action-form"' in page.content.decode()


def test_taking_an_action_goes_back_to_the_case_page_with_what_was_done(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    client = _client(office["staff"])
    street = world.units["street-a"]
    response = client.post(
        _url(complaint, "dispatch"), {"unit": street.pk, "reason": "请核查", "version": complaint.version}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/petitions/{complaint.pk}/"
    complaint.refresh_from_db()
    assert complaint.state == "dispatched"
    assert complaint.assigned_unit == street
    event = CaseEvent.objects.filter(case_type="petitions.workorder", case_id=complaint.pk).last()
    assert event is not None
    assert event.name == "dispatch"
    assert event.reason == "请核查"
    assert event.actor == office["staff"]


def test_with_htmx_done_redirects_the_page_and_a_refusal_stays_in_the_dialog(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    client = _client(office["staff"])
    refused = client.post(_url(complaint, "dispatch"), {"reason": "x"}, headers={"HX-Request": "true"})
    assert refused.status_code == 200
    assert (
        'data-field-error="unit"' in refused.content.decode()
        or "invalid-feedback" in refused.content.decode()
    )
    complaint.refresh_from_db()
    assert complaint.state == "registered"
    done = client.post(
        _url(complaint, "dispatch"), {"unit": world.units["street-a"].pk}, headers={"HX-Request": "true"}
    )
    assert done.status_code == 204
    assert done["HX-Redirect"] == f"/petitions/{complaint.pk}/"


def test_a_case_changed_meanwhile_is_not_acted_on(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    seen = complaint.version
    services.workorder_dispatch(actor=office["staff"], order=complaint, unit=world.units["street-a"])
    response = _client(office["staff"]).post(
        _url(complaint, "redirect"), {"target": "arbitration", "reason": "属仲裁", "version": seen}
    )
    assert response.status_code == 200
    assert "已被他人修改" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.state == "dispatched"


def test_a_step_that_is_not_possible_now_says_why(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    street_staff = world.users["street_staff"]
    client = _client(street_staff)
    page = client.get(_url(complaint, "sign"))
    assert page.status_code == 200
    assert 'data-testid="action-refusal"' in page.content.decode()
    posted = client.post(_url(complaint, "sign"), {})
    assert posted.status_code == 200
    complaint.refresh_from_db()
    assert complaint.state == "registered"


def test_field_errors_from_the_form_and_from_the_service_show_under_their_field(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    client = _client(office["staff"])
    response = client.post(_url(complaint, "merge"), {"into": "NO-SUCH", "reason": "重复"})
    assert response.status_code == 200
    assert 'data-field-error="into"' in response.content.decode()
    services.workorder_dispatch(actor=office["staff"], order=complaint, unit=world.units["street-a"])
    services.workorder_sign(actor=world.users["street_staff"], order=complaint)
    # The service refuses an extension longer than the limit in force: under "days".
    head = _client(office["head"])
    too_long = head.post(_url(complaint, "extend"), {"days": 300, "reason": "情况复杂"})
    assert 'data-field-error="days"' in too_long.content.decode()


def test_no_permission_and_no_sight_are_refused(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    # The enterprise complained about never opens it, not even to act.
    assert complaint.enterprise is not None
    assert world.users["enterprise"].enterprise_id == complaint.enterprise.pk
    assert _client(world.users["enterprise"]).get(_url(complaint, "rate")).status_code in (403, 404)
    # A citizen may not dispatch their own complaint.
    assert _client(world.users["individual"]).post(_url(complaint, "dispatch"), {}).status_code == 403
    assert _client(office["staff"]).get(_url(complaint, "no_such_action")).status_code == 404


def test_the_citizen_rates_on_the_portal_and_comes_back_to_the_portal_page(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    services.workorder_dispatch(actor=office["staff"], order=complaint, unit=world.units["street-a"])
    services.workorder_sign(actor=world.users["street_staff"], order=complaint)
    services.workorder_reply(actor=world.users["street_staff"], order=complaint, reply="已处理")
    citizen = _client(world.users["individual"])
    page = citizen.get(f"/petitions/mine/{complaint.pk}/").content.decode()
    assert 'data-action="rate"' in page
    assert 'data-action="rate_rework"' in page
    assert 'data-action="visit"' not in page  # the staff's return visit is not the citizen's
    response = citizen.post(_url(complaint, "rate_rework"), {"reason": "仍未到账"})
    assert response.status_code == 302
    assert response["Location"] == f"/petitions/mine/{complaint.pk}/"
    complaint.refresh_from_db()
    assert complaint.state == "handling"
    assert complaint.satisfaction == "dissatisfied"


# --- the same actions through the API ---------------------------------------------------------------


def _api(user: Any) -> tuple[Client, dict[str, str]]:
    """An integration account with its token; staff through their signed-in session."""
    if user.role == "integration":
        token = account_services.api_token_create(user=user)
        return Client(), {"Authorization": f"Bearer {token}"}
    return _client(user), {}


def test_the_api_takes_an_action_with_the_same_form_and_service(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    client, headers = _api(office["staff"])
    url = f"/api/v1/workorders/{complaint.pk}/actions/dispatch"
    invalid = client.post(url, data={}, content_type="application/json", headers=headers)
    assert invalid.status_code == 422
    done = client.post(
        url,
        data={"unit": world.units["street-a"].pk, "version": complaint.version},
        content_type="application/json",
        headers=headers,
    )
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "dispatched"
    assert done.json()["version"] == complaint.version + 1
    # The same step again: the state no longer allows it (409 with the reason), nothing done.
    again = client.post(
        url, data={"unit": world.units["street-a"].pk}, content_type="application/json", headers=headers
    )
    assert again.status_code == 409
    assert again.json()["code"] == "not_possible"
    stale = client.post(
        f"/api/v1/workorders/{complaint.pk}/actions/redirect",
        data={"target": "court", "reason": "属法院", "version": complaint.version},
        content_type="application/json",
        headers=headers,
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "changed_meanwhile"


def test_the_api_refuses_what_the_page_refuses(
    world: Any, office: dict[str, Any], complaint: WorkOrder
) -> None:
    client, headers = _api(world.users["integration"])
    response = client.post(
        f"/api/v1/workorders/{complaint.pk}/actions/dispatch",
        data={"unit": world.units["street-a"].pk},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 403
    complaint.refresh_from_db()
    assert complaint.state == "registered"


def test_the_api_takes_a_file_as_multipart(world: Any, office: dict[str, Any], complaint: WorkOrder) -> None:
    services.workorder_dispatch(actor=office["staff"], order=complaint, unit=world.units["street-a"])
    services.workorder_sign(actor=world.users["street_staff"], order=complaint)
    client, headers = _api(world.users["street_staff"])
    upload = SimpleUploadedFile("答复.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        f"/api/v1/workorders/{complaint.pk}/actions/reply",
        data={"reply": "已约谈企业", "attachment": upload},
        headers=headers,
    )
    assert response.status_code == 200, response.content
    complaint.refresh_from_db()
    assert complaint.state == "replied"
    assert complaint.reply == "已约谈企业"
    assert CaseAttachment.objects.filter(case_type="petitions.workorder", case_id=complaint.pk).count() == 1


def test_the_openapi_document_states_every_actions_input(client: Any) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    dispatch = schema["paths"]["/api/v1/workorders/{case_id}/actions/dispatch"]["post"]
    body = schema["components"]["schemas"][
        dispatch["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    ]
    assert body["required"] == ["unit"]
    assert {"unit", "reason", "version"} <= set(body["properties"])
    assert "409" in dispatch["responses"]
    reply = schema["paths"]["/api/v1/workorders/{case_id}/actions/reply"]["post"]
    assert "multipart/form-data" in reply["requestBody"]["content"]
