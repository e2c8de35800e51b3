"""Sections that other apps contribute to the home page.

The home page knows nothing about case studies, campaigns or events. Each app
registers a ``qingshui_home_section`` Wagtail hook returning a ``HomeSection``
(or ``None`` when it has nothing to show, so an empty slot is never rendered).
"""

from dataclasses import dataclass, field
from typing import Any

from wagtail import hooks

HOOK_NAME = "qingshui_home_section"


@dataclass
class HomeSection:
    order: int
    template: str
    context: dict[str, Any] = field(default_factory=dict)


def collect_home_sections(request, page) -> list[HomeSection]:
    sections = []
    for provider in hooks.get_hooks(HOOK_NAME):
        section = provider(request, page)
        if section is not None:
            sections.append(section)
    return sorted(sections, key=lambda s: s.order)
