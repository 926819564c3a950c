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

from hrbureau.accounts import lockout
from hrbureau.accounts.choices import OrgUnitKind, Role
from hrbureau.accounts.models import OrgUnit
from hrbureau.accounts.selectors import unit_choices
from hrbureau.core.forms import SharedChoicesMixin, StyledFormMixin


class LoginForm(AuthenticationForm):
    """Django's login form plus the lockout of DOMAIN.md §6 (``accounts.lockout``) and the audit of
    every outcome.

    The answer never depends on whether an account has the user name: unknown names are counted and
    locked like real ones, and every attempt that gets as far as a password check costs one password
    hash (Django's backend hashes for unknown names too), while a refused attempt costs none for any
    name. An integration account's right password is answered like a wrong one (it is no use here).
    """

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The user name or password is wrong. After %(max)d failed attempts, this user name cannot "
            "sign in from here for %(minutes)d minutes."
        ),
        "locked": _(
            "Too many failed attempts: this user name cannot sign in from here until %(until)s. A system "
            "administrator can lift the lock sooner."
        ),
        "address_paused": _(
            "Too many failed sign-ins from your network. Please try again in %(minutes)d minutes."
        ),
        "account_slowed": _(
            "This user name has had many failed sign-ins from elsewhere, so for now it takes one attempt "
            "every %(seconds)d seconds. Please wait a moment and try again."
        ),
    }

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if not username or not password:
            return self.cleaned_data
        refusal = lockout.login_attempt_check(
            username=username,
            address=lockout.request_address(self.request),
            known_browser=lockout.known_browser(self.request, username),
        )
        if refusal is None:
            user = authenticate(self.request, username=username, password=password)
            if user is not None and user.role != Role.INTEGRATION:
                self.confirm_login_allowed(user)
                self.user_cache = user
                return self.cleaned_data
            refusal = lockout.login_failure_register(
                username=username,
                request=self.request,
                reason="wrong user name or password" if user is None else "API-only account",
            )
        raise self._refused(refusal)

    def _refused(self, refusal: lockout.Refusal) -> forms.ValidationError:
        params = dict(refusal.params)
        if "until" in params:
            params["until"] = formats.date_format(timezone.localtime(params["until"]), "Y-m-d H:i")
        return forms.ValidationError(self.error_messages[refusal.code], code=refusal.code, params=params)


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


def unit_filter(name: str, *, kind: str, label: Any, empty: Any, lookup: str = "") -> Any:
    """A list's declared filter by a unit of ``kind`` (``core.filters.Choice``): the options from the
    cached unit choices, the value a unit's id (in the API too), compared with ``lookup`` (default
    ``<name>_id``)."""
    from hrbureau.core.apiutil import Id
    from hrbureau.core.choicecache import cached_choices
    from hrbureau.core.filters import Choice

    def source() -> list[tuple[Any, str]]:
        text = str(empty)
        return cached_choices("orgunits", lambda: [("", text), *unit_choices(kind)], variant=f"{kind}|{text}")

    return Choice(name, label, source=source, coerce=int, lookup=lookup or f"{name}_id", api=Id)


class UnitFiltersMixin:
    """Fills every UnitFilterField of a filter form from the cached unit choices."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, UnitFilterField):
                field.refresh()
