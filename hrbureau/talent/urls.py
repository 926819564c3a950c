"""Talent services' pages, one block per part of the line."""

from django.urls import path  # noqa: F401 (the parts' blocks use it)

app_name = "talent"

urlpatterns: list = []
