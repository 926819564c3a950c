"""Recruitment menu."""
