from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditKind(models.TextChoices):
    """Kinds of audit event (DOMAIN.md §6 and DESIGN.md mechanism 7)."""

    LOGIN = "login", _("Login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKED_OUT = "locked_out", _("Account locked")
    LOGOUT = "logout", _("Logout")
    PERMISSION_DENIED = "permission_denied", _("Permission denied")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset requested")
    PASSWORD_RESET = "password_reset", _("Password reset")
    API_TOKEN_CREATED = "api_token_created", _("API token created")
    API_TOKEN_REJECTED = "api_token_rejected", _("API token rejected")
    REVEAL = "reveal", _("Personal data revealed")
    EXPORT = "export", _("Data exported")
