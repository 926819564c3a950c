from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts import lockout, services
from hrbureau.accounts.models import ApiToken, LoginFailureTally, OrgUnit, User


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "code", "parent", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "name_en", "code")
    readonly_fields = ("path", "depth")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "full_name", "role", "org_unit", "is_active", "locked_until")
    list_filter = ("role", "is_active")
    search_fields = ("username", "full_name", "email", "phone")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "email", "phone", "language")}),
        (_("Role and scope"), {"fields": ("role", "org_unit", "enterprise", "person")}),
        (
            _("Status"),
            {
                "fields": (
                    "is_active",
                    "locked_until",
                    "last_login",
                    "password_changed_at",
                )
            },
        ),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "role", "org_unit", "password1", "password2")}),
    )
    readonly_fields = ("last_login", "password_changed_at")
    raw_id_fields = ("enterprise", "person")
    actions = ["unlock"]

    @admin.action(description=_("Unlock the selected accounts (also lifts their failed sign-ins)"))
    def unlock(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            services.user_unlock(user=user, actor=request.user)  # type: ignore[arg-type]


@admin.register(LoginFailureTally)
class LoginFailureTallyAdmin(admin.ModelAdmin):
    """Runs of failed sign-ins that still count: who is locked out of which address, and since when.
    Read-only; "lift" ends a run (with its totals in the audit log), as waiting would."""

    list_display = (
        "username",
        "address",
        "failures",
        "refused",
        "first_failed_at",
        "last_failed_at",
        "locked_until",
    )
    search_fields = ("username", "address")
    actions = ["lift"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # a run ends through "lift", which audits its totals

    @admin.action(description=_("Lift the selected locks"), permissions=["view"])
    def lift(self, request: HttpRequest, queryset: QuerySet[LoginFailureTally]) -> None:
        for tally in queryset:
            lockout.login_lock_lift(username=tally.username, address=tally.address, actor=request.user)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("key_prefix", "user", "name", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("key_prefix", "digest", "user", "created_at", "last_used_at")
    fields = ("user", "name", "key_prefix", "digest", "created_at", "last_used_at", "revoked_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Tokens are made by `manage.py create_api_token`, which shows the secret once.
        return False

    def get_queryset(self, request: HttpRequest) -> Any:
        return super().get_queryset(request).select_related("user")
