"""What recruitment registers when the app is ready: the review workflow, the rules subject, the score
import, the lists and the menu (called from the app's ``ready``, a line of its own)."""


def register() -> None:
    from hrbureau.personnel import (  # noqa: F401 (registration)
        recruitment_imports,
        recruitment_lists,
        recruitment_navigation,
        recruitment_rules,
        recruitment_workflow,
    )
