"""Recruitment lists."""
