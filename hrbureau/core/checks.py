from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register(checks.Tags.database)
def trigram_support(app_configs: Any, databases: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """``manage.py check --database default`` fails when Chinese search cannot use its indexes."""
    from hrbureau.core.textsearch import TrigramSupportError, check_trigram_support

    errors: list[checks.CheckMessage] = []
    for alias in databases or []:
        try:
            check_trigram_support(alias)
        except TrigramSupportError as exc:
            errors.append(checks.Error(str(exc), id="hrbureau.E001"))
        except Exception:  # noqa: S110 (the database may not be migrated yet: nothing to check)
            pass
    return errors
