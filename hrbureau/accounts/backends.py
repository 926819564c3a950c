"""Authentication and authorisation from the user's role (ADR 003).

Permissions are declared in code per app (``<app>/permissions.py``, see ``core.permissions``) rather
than assigned through groups in the database: what a role may do is reviewed like any other code and
walked by the permission-matrix test. Locked and inactive accounts authenticate as nobody.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from hrbureau.core import permissions


class RoleBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and not getattr(user, "is_locked", False)

    def get_user(self, user_id: Any) -> Any:
        # The unit (and its parent, for the department) is needed on nearly every request for scoping.
        from hrbureau.accounts.models import User

        try:
            # get(), not first(): no ORDER BY to compile on every request for a lookup by primary key.
            user = User.objects.select_related("org_unit__parent").get(pk=user_id)
        except (User.DoesNotExist, ValueError, TypeError):
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cache = getattr(user_obj, "_role_perm_cache", None)
        if cache is None:
            cache = set(permissions.permissions_of(user_obj.role, user_obj.department))
            user_obj._role_perm_cache = cache
        return cache

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if not user_obj.is_active:
            return False
        if permissions.is_declared(perm):
            return perm in self.get_all_permissions(user_obj, obj)
        # Undeclared permissions are Django's own model permissions, used only by the admin site,
        # which only system administrators (superusers) may enter.
        return bool(user_obj.is_superuser)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(user_obj.is_active and user_obj.is_superuser)
