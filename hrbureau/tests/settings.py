"""The settings of the test suite: the platform's, with the example case type (``hrbureau.tests.example``)
installed beside the real apps, so the suite's generic tests (actions, lists, the permission matrix, the
API fuzz) hold it as they hold every real case type."""

from hrbureau.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "hrbureau.tests.example"]  # noqa: F405
ROOT_URLCONF = "hrbureau.tests.example.urls"
