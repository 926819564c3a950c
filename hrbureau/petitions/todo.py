"""Work orders in "my to-do" (``core.todo``): the orders the user can act on, assigned to them in person
or to their unit and to no one in person."""

from __future__ import annotations

from hrbureau.core import todo
from hrbureau.petitions.workflows import WORKFLOW

SOURCE = todo.register(todo.case_source(WORKFLOW, title_fields=("number", "title")))
