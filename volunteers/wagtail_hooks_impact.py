"""Wagtail hooks of the impact pages (imported by wagtail_hooks)."""
