"""core.choicecache: filter choice lists built once per process and language, rebuilt after a change,
and the shared version read at most once per request; core.permissions: a role's permissions worked out
once and again after a new declaration."""

from __future__ import annotations

from typing import Any

from django.core.signals import request_finished, request_started
from django.utils import translation

from hrbureau.core import choicecache, permissions


def test_a_list_is_built_once_until_its_source_changes(settings: Any) -> None:
    builds: list[str] = []

    def build() -> list[tuple[Any, str]]:
        builds.append(translation.get_language() or "")
        return [(len(builds), f"第{len(builds)}版")]

    with translation.override("zh-hans"):
        first = choicecache.cached_choices("test-list", build)
        assert choicecache.cached_choices("test-list", build) is first
    with translation.override("en"):
        choicecache.cached_choices("test-list", build)  # each language its own list
    assert builds == ["zh-hans", "en"]
    choicecache.choices_changed("test-list")
    with translation.override("zh-hans"):
        assert choicecache.cached_choices("test-list", build) == [(3, "第3版")]
    # Another list's change does not rebuild this one.
    choicecache.choices_changed("another-list")
    with translation.override("zh-hans"):
        choicecache.cached_choices("test-list", build)
    assert len(builds) == 3


def test_a_request_reads_the_shared_version_once(monkeypatch: Any) -> None:
    reads: list[str] = []
    shared = choicecache.cache

    class CountingCache:
        def get_or_set(self, key: str, *args: Any, **kwargs: Any) -> Any:
            reads.append(key)
            return shared.get_or_set(key, *args, **kwargs)

        def set(self, *args: Any, **kwargs: Any) -> Any:
            return shared.set(*args, **kwargs)

    monkeypatch.setattr(choicecache, "cache", CountingCache())
    # The memo lives from request_started to request_finished.
    uids = {receiver[0][0] for receiver in request_started.receivers + request_finished.receivers}
    assert {"hrbureau.choicecache.start", "hrbureau.choicecache.finish"} <= uids
    choicecache._start()
    try:
        for _ in range(3):
            choicecache.cached_choices("per-request", lambda: [])
        assert len(reads) == 1
        choicecache.choices_changed("per-request")  # a change within the request is seen at once
        choicecache.cached_choices("per-request", lambda: [(1, "新")])
        assert len(reads) == 2
    finally:
        choicecache._finish()
    choicecache.cached_choices("per-request", lambda: [])
    choicecache.cached_choices("per-request", lambda: [])
    assert len(reads) == 4  # outside a request, every use reads it


def test_a_role_s_permissions_include_one_declared_later() -> None:
    before = permissions.permissions_of("dept_staff", None)
    assert permissions.permissions_of("dept_staff", None) is before  # worked out once
    name = "core.test_choicecache_probe"
    try:
        permissions.declare(name, "probe", roles=["dept_staff"])
        assert name in permissions.permissions_of("dept_staff", None)
        assert name not in permissions.permissions_of("street_staff", None)
    finally:
        permissions.REGISTRY.pop(name, None)
        permissions._HELD.clear()
    assert name not in permissions.permissions_of("dept_staff", None)
