from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.accounts import lockout, services
from hrbureau.accounts.forms import (
    LanguageForm,
    LoginForm,
    StyledPasswordChangeForm,
    StyledPasswordResetForm,
    StyledSetPasswordForm,
)
from hrbureau.core.audit import audit_record
from hrbureau.core.choices import AuditKind
from hrbureau.core.ratelimit import Limit, hit_or_refuse
from hrbureau.core.views import permission_required


def _language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]
    )


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: LoginForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_valid(form)
        user = form.get_user()
        services.login_success_register(user=user, request=self.request)
        lockout.remember_browser(self.request, response, user.get_username())
        # The language a user chose last time follows them to any browser.
        if user.language:
            _language_cookie(response, user.language)
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            audit_record(kind=AuditKind.LOGOUT, request=request)
        return super().post(request, *args, **kwargs)


CHANGE_BY_USER = Limit(
    "password-change-user",
    _("Too many attempts to change the password just now. Please wait a while before you try again."),
)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("accounts:password_change_done")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The form checks the old password: whoever holds a signed-in session (a shared counter PC) must
        # not be able to guess it without limit. Every attempt counts; over the limit: 429.
        hit_or_refuse((CHANGE_BY_USER, f"user:{request.user.pk}"))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_changed_register(
            user=form.user, request=self.request, kind=AuditKind.PASSWORD_CHANGED
        )
        return response


RESET_BY_ADDRESS = Limit(
    "password-reset-address",
    _("Too many password reset requests from your network. Please wait a while before you try again."),
)
RESET_BY_ACCOUNT = Limit(
    "password-reset-account",
    _(
        "Password resets for this e-mail address were asked for several times just now. If the address "
        "belongs to an account, the e-mail has been sent (look in the spam folder too); please wait a "
        "while before you ask again."
    ),
)


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = StyledPasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: Any) -> HttpResponse:
        # Counted by the typed address whether or not it belongs to anyone, and answered alike: neither
        # the throttle nor the answer tells which addresses have an account. Over a limit: 429.
        hit_or_refuse(
            (RESET_BY_ADDRESS, lockout.request_address(self.request)),
            (RESET_BY_ACCOUNT, form.cleaned_data["email"].strip().lower()),
        )
        audit_record(
            kind=AuditKind.PASSWORD_RESET_REQUESTED,
            request=self.request,
            detail={"email_domain": form.cleaned_data["email"].rpartition("@")[2]},
        )
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = StyledSetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_changed_register(
            user=form.user, request=self.request, kind=AuditKind.PASSWORD_RESET
        )
        return response


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; remembered in a cookie and, when signed in, on the account."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Unknown language."))
    language = form.cleaned_data["language"]
    target = form.cleaned_data["next"] or request.headers.get("referer") or "/"
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    _language_cookie(response, language)
    if request.user.is_authenticated:
        services.user_set_language(user=request.user, language=language)
    return response


@permission_required(None, area="any")
def profile(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/profile.html", {"profile_user": request.user})
