"""The API list of a declared list (``core.lists.ListSpec.add_api``): the query parameters are the list's
declared filters with their API types (so the OpenAPI states them), plus ``cursor`` and ``limit``; the
rows are the reader's (``for_user``), filtered by the same conditions as the page, keyset-paged."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest
from ninja import Query
from pydantic import Field, create_model

from hrbureau.core.api import responses
from hrbureau.core.apiutil import ApiPage, InputSchema, api_page, require_perm
from hrbureau.core.pagination import MAX_PER_PAGE

if TYPE_CHECKING:
    from hrbureau.core.lists import ListSpec


def filter_schema(spec: ListSpec, descriptions: Mapping[str, str] | None = None) -> type[InputSchema]:
    """The query parameters of ``spec``'s API list, as an input schema."""
    fields: dict[str, Any] = {}
    for declared in spec.all_filters:
        typed = declared.api_type()
        if typed is None:
            continue
        kind, default = typed
        if descriptions and declared.name in descriptions and not hasattr(default, "description"):
            default = Field(default, description=descriptions[declared.name])
        fields[declared.name] = (kind, default)
    fields["cursor"] = (
        str | None,
        Field(None, max_length=500, description="from next_cursor or previous_cursor of a page"),
    )
    fields["limit"] = (int, Field(20, ge=1, le=MAX_PER_PAGE))
    name = "".join(part.title() for part in spec.name.split("_")) + "Filter"
    return create_model(name, __base__=InputSchema, **fields)


def add_api_list(
    spec: ListSpec,
    router: Any,
    *,
    path: str,
    item: Any,
    summary: str,
    module: str,
    name: str | None = None,
    descriptions: Mapping[str, str] | None = None,
) -> None:
    schema = filter_schema(spec, descriptions)
    ordering = spec.api_ordering or spec.ordering

    def endpoint(request: HttpRequest, filters: Any) -> dict[str, Any]:
        user = request.auth  # type: ignore[attr-defined]
        if spec.permission is not None:
            require_perm(user, spec.permission)
        values = filters.dict()
        rows = spec.queryset(user=user, values=values)
        page = api_page(
            rows.select_related(*spec.api_related) if spec.api_related else rows,
            ordering=ordering,
            cursor=values.pop("cursor"),
            limit=values.pop("limit"),
        )
        if spec.prepare is not None:
            spec.prepare(page["items"])
        return page

    # The endpoint's name and module give its URL name (api:<name>) and its OpenAPI operation id, as if
    # it were written in the app's api.py.
    endpoint.__name__ = endpoint.__qualname__ = name or f"{spec.name}_list"
    endpoint.__module__ = module
    endpoint.__annotations__ = {"request": HttpRequest, "filters": Query[schema], "return": dict[str, Any]}  # type: ignore[misc,valid-type]
    router.get(path, response=responses(ApiPage[item]), summary=summary)(endpoint)
