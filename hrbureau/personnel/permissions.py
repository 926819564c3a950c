"""Who may do what in personnel work; one block per part of the line."""

from django.utils.translation import gettext_lazy as _  # noqa: F401 (the parts' blocks use it)

from hrbureau.accounts.choices import Role  # noqa: F401
from hrbureau.core.permissions import declare  # noqa: F401
