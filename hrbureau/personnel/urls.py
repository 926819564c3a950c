"""Personnel work's pages, one block per part of the line."""

from django.urls import path  # noqa: F401 (the parts' blocks use it)

app_name = "personnel"

urlpatterns: list = []
