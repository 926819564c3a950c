"""Chinese by default whatever the browser says; English on request, remembered per browser and account."""

from __future__ import annotations

from typing import Any

from django.test import Client


def test_chinese_is_the_default_even_for_an_english_browser(db: Any) -> None:
    client = Client(headers={"accept-language": "en-US,en;q=0.9"})
    body = client.get("/accounts/login/").content.decode()
    assert "登录平台" in body
    assert 'lang="zh-hans"' in body


def test_switching_to_english_sets_the_cookie_and_is_remembered(
    world: Any, client_for: Any, settings: Any
) -> None:
    client = client_for("street_staff")
    response = client.post("/accounts/language/", {"language": "en", "next": "/workbench/"})
    assert response.status_code == 302
    assert response["Location"] == "/workbench/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get("/workbench/").content.decode()
    assert "My to-do" in page
    assert "我的待办" not in page
    user = world.users["street_staff"]
    user.refresh_from_db()
    assert user.language == "en"


def test_the_choice_follows_the_account_to_a_new_browser(world: Any) -> None:
    user = world.users["leader"]
    user.language = "en"
    user.save()
    fresh = Client()
    response = fresh.post("/accounts/login/", {"username": "leader", "password": "Secret#2026"})
    assert response.cookies["hrbureau_language"].value == "en"
    assert "Workbench" in fresh.get("/workbench/").content.decode()


def test_unknown_languages_and_foreign_redirects_are_refused(world: Any, client_for: Any) -> None:
    client = client_for("leader")
    assert client.post("/accounts/language/", {"language": "fr"}).status_code == 400
    response = client.post("/accounts/language/", {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_workbench_in_chinese(world: Any, client_for: Any) -> None:
    body = client_for("grid_worker").get("/workbench/").content.decode()
    assert "我的待办" in body
    assert "网格员" in body
    assert "本网格" in body
