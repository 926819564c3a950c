from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts import services
from hrbureau.accounts.choices import OrgUnitKind, Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.accounts.selectors import unit_choices
from hrbureau.core.forms import SharedChoicesMixin, StyledFormMixin


class LoginForm(AuthenticationForm):
    """Django's login form plus the lockout of DOMAIN.md §6 and the audit of every outcome."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name or password is wrong. After %(max)d failed attempts in a row the account is locked."
        ),
        "locked": _(
            "This account is locked after too many failed logins until %(until)s. Ask a system administrator to unlock it sooner."
        ),
        "api_only": _("This is an integration account for the API only; it cannot sign in to the web pages."),
    }

    def clean(self) -> dict[str, Any]:
        from django.conf import settings

        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        existing = User.objects.filter(username=username).first()
        if existing is not None and existing.is_locked:
            services.login_failure_register(username=username, request=self.request, reason="account locked")
            raise forms.ValidationError(
                self.error_messages["locked"],
                code="locked",
                params={"until": formats.date_format(timezone.localtime(existing.locked_until), "Y-m-d H:i")},
            )
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            locked = services.login_failure_register(
                username=username, request=self.request, reason="wrong user name or password"
            )
            if locked is not None and locked.is_locked:
                raise forms.ValidationError(
                    self.error_messages["locked"],
                    code="locked",
                    params={
                        "until": formats.date_format(timezone.localtime(locked.locked_until), "Y-m-d H:i")
                    },
                )
            raise forms.ValidationError(
                self.error_messages["invalid_login"],
                code="invalid_login",
                params={"max": settings.LOGIN_MAX_FAILURES},
            )
        if user.role == Role.INTEGRATION:
            services.login_failure_register(
                username=username, request=self.request, reason="API-only account"
            )
            raise forms.ValidationError(self.error_messages["api_only"], code="api_only")
        self.confirm_login_allowed(user)
        self.user_cache = user
        return self.cleaned_data


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=())
    next = forms.CharField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES  # type: ignore[attr-defined]


class StyledPasswordChangeForm(StyledFormMixin, PasswordChangeForm):
    pass


class StyledPasswordResetForm(StyledFormMixin, PasswordResetForm):
    pass


class StyledSetPasswordForm(StyledFormMixin, SetPasswordForm):
    pass


# --- choosing organisation units in other apps' forms ---------------------------------------------


def units_of_kind(kind: str) -> Any:
    return OrgUnit.objects.filter(kind=kind, is_active=True).select_related("parent").order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        if obj.kind == OrgUnitKind.STREET or obj.parent is None:
            return obj.display_name
        return f"{obj.parent.display_name} / {obj.display_name}"


class UnitFilterField(SharedChoicesMixin, forms.TypedChoiceField):
    """A unit filter whose options come from the cached unit choices (no query per page view)."""

    def __init__(self, *, kind: str, empty_label: Any, **kwargs: Any) -> None:
        super().__init__(coerce=int, required=False, empty_value=None, **kwargs)
        self.kind = kind
        self.empty_label = empty_label

    def refresh(self) -> None:
        from hrbureau.core.choicecache import cached_choices

        empty = str(self.empty_label)
        self.share_choices(
            cached_choices(
                "orgunits", lambda: [("", empty), *unit_choices(self.kind)], variant=f"{self.kind}|{empty}"
            )
        )


class UnitFiltersMixin:
    """Fills every UnitFilterField of a filter form from the cached unit choices."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, UnitFilterField):
                field.refresh()
