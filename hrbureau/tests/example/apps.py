from django.apps import AppConfig


class ExampleConfig(AppConfig):
    """A case type made only of declarations — the smallest complete example of docs/architecture.md,
    installed in the test settings alone (``hrbureau.tests.settings``). Its tests
    (``hrbureau/tests/test_example_case_type.py``) prove that a new case type gets its case page,
    actions, list, filters, search, export, API actions and to-do entries from core by declaring them."""

    name = "hrbureau.tests.example"
    label = "example"

    def ready(self) -> None:
        from hrbureau.tests.example import permissions, services, workflows  # noqa: F401 (registration)
