"""Shared fixtures: a small organisation, one standard person per role, and the outsider.

Like Healthchecks' base test case, every test can say "as the street worker of Donghu" or "as an
enterprise user of another enterprise" without building the world itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from hrbureau.accounts.choices import Department, OrgUnitKind, Role
from hrbureau.accounts.models import OrgUnit, User

# Playwright's sync API runs an event loop in the test thread; Django then refuses sync ORM calls
# made from that thread unless told that this is deliberate (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# No test depends on how fast it runs: hypothesis's 200 ms deadline fails an example on a loaded machine
# (the suite runs on every core, beside a browser), so it is off for every property test.
hypothesis_settings.register_profile("hrbureau", deadline=None)
hypothesis_settings.load_profile("hrbureau")


@pytest.fixture(autouse=True)
def _fast_hashing_and_outboxes(settings: Any, tmp_path: Any, request: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_BACKEND = "memory"
    # The tests of a module that shares its world share its files too (a record made for several
    # tests keeps its file where each of them reads it).
    files = tmp_path / "files"
    if request.node.get_closest_marker("shared_world") is not None:
        files = request.getfixturevalue("module_files")
    settings.PRIVATE_FILES_ROOT = files
    settings.MEDIA_ROOT = files
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }


@pytest.fixture(autouse=True)
def _platform_language() -> Any:
    """Each test starts in the platform's language: a request in English leaves English active in the
    thread (a server sets each request's language before anything else; a test may call a service
    right after such a request)."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@dataclass
class World:
    """The standard organisation and people of a test."""

    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    enterprises: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Any] = field(default_factory=dict)

    def user(self, key: str) -> User:
        return self.users[key]


def build_organisation() -> dict[str, OrgUnit]:
    from hrbureau.accounts.services import orgunit_create

    units: dict[str, OrgUnit] = {}
    units["bureau"] = orgunit_create(kind=OrgUnitKind.BUREAU, code="bureau", name="区人力资源局", parent=None)
    for dept in Department:
        units[dept.value] = orgunit_create(
            kind=OrgUnitKind.DEPARTMENT, code=dept.value, name=str(dept.label), parent=units["bureau"]
        )
    units["district"] = orgunit_create(kind=OrgUnitKind.DISTRICT, code="district", name="示范区", parent=None)
    for street_code, street_name in (("a", "东湖街道"), ("b", "西岭街道")):
        street = orgunit_create(
            kind=OrgUnitKind.STREET, code=f"street-{street_code}", name=street_name, parent=units["district"]
        )
        community = orgunit_create(
            kind=OrgUnitKind.COMMUNITY,
            code=f"community-{street_code}",
            name=f"{street_name[:2]}社区",
            parent=street,
        )
        units[f"street-{street_code}"] = street
        units[f"community-{street_code}"] = community
        for g in (1, 2):
            units[f"grid-{street_code}{g}"] = orgunit_create(
                kind=OrgUnitKind.GRID,
                code=f"grid-{street_code}{g}",
                name=f"{street_name[:2]}第{g}网格",
                parent=community,
            )
    return units


# key -> (role, unit key or None)
STANDARD_USERS: dict[str, tuple[str, str | None]] = {
    "sysadmin": (Role.SYSADMIN, "office"),
    "leader": (Role.LEADER, "bureau"),
    "dept_head": (Role.DEPT_HEAD, "labour_relations"),
    "dept_staff": (Role.DEPT_STAFF, "labour_relations"),
    "street_staff": (Role.STREET_STAFF, "street-a"),
    "grid_worker": (Role.GRID_WORKER, "grid-a1"),
    "arbitrator": (Role.ARBITRATOR, "arbitration"),
    "arbitration_clerk": (Role.ARBITRATION_CLERK, "arbitration"),
    "integration": (Role.INTEGRATION, None),
    "enterprise": (Role.ENTERPRISE, None),
    "individual": (Role.INDIVIDUAL, None),
}


def build_world() -> World:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.people.tests.factories import PersonFactory

    w = World(units=build_organisation())
    # One enterprise and one person in each grid, so every scope has rows inside and outside it.
    for key in ("a1", "a2", "b1", "b2"):
        grid = w.units[f"grid-{key}"]
        street = w.units[f"street-{key[0]}"]
        community = w.units[f"community-{key[0]}"]
        w.enterprises[key] = EnterpriseFactory(
            street=street, community=community, grid=grid, name=f"企业{key.upper()}科技有限公司"
        )
        w.people[key] = PersonFactory(
            street=street, community=community, grid=grid, name=f"居民{key.upper()}"
        )
    for key, (role, unit_key) in STANDARD_USERS.items():
        user = User.objects.create_user(
            username=key,
            password="Secret#2026",
            role=role,
            org_unit=w.units[unit_key] if unit_key else None,
            full_name=key,
            email=f"{key}@example.test",
            is_superuser=role == Role.SYSADMIN,
            is_staff=role == Role.SYSADMIN,
        )
        if role == Role.ENTERPRISE:
            user.enterprise = w.enterprises["a1"]
        if role == Role.INDIVIDUAL:
            user.person = w.people["a1"]
        user.save()
        w.users[key] = user
    return w


@pytest.fixture(scope="module")
def module_files(tmp_path_factory: Any) -> Any:
    return tmp_path_factory.mktemp("files")


@pytest.fixture(scope="module")
def module_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """One world for every test of a module marked ``shared_world``, built once inside a transaction
    that is rolled back after the module; each test runs in a savepoint inside it (pytest-django's
    ``db``), so what a test writes is gone before the next one, as with a world of its own."""
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            built = build_world()
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(request: Any, db: Any) -> World:
    """The standard organisation, its enterprises and people, and one user per role. Parametrized
    modules that only read it (the permission matrix, the page walks) mark themselves
    ``pytest.mark.shared_world`` and get it built once per module: a copy of its dictionaries per
    test, so that what a test adds (a user made on demand) does not outlive its savepoint."""
    if request.node.get_closest_marker("shared_world") is None:
        return build_world()
    return copy_world(request.getfixturevalue("module_world"))


def copy_world(shared: World) -> World:
    """The shared world's records in dictionaries of the test's own."""
    return World(
        units=dict(shared.units),
        users=dict(shared.users),
        enterprises=dict(shared.enterprises),
        people=dict(shared.people),
    )


@pytest.fixture
def client_for(client: Any, world: World) -> Any:
    """``client_for("street_staff")`` → the test client signed in as that standard user."""

    def sign_in(key: str) -> Any:
        client.logout()
        client.force_login(world.users[key])
        return client

    return sign_in


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium (never a downloaded one), with the flags a closed network needs."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    # A module that shares its world builds it before any test's own transaction begins.
    for item in items:
        if item.get_closest_marker("shared_world") is None:
            continue
        if "module_world" not in item.fixturenames:
            item.fixturenames.insert(0, "module_world")
        # Last: a test that asks for its transaction itself, after what it shares (the matrix's route
        # records), still has one; and pytest-django sees that it needs the database.
        if "db" not in item.fixturenames:
            item.fixturenames.append("db")
    # Browser tests need Chromium; say so loudly rather than skip quietly when it is missing.
    if not os.path.exists(CHROMIUM):
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(
                    pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
                )
