"""Wagtail hooks of the exports pages (imported by wagtail_hooks)."""
