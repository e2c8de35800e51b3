from .cases import CaseStudyIndexPage, CaseStudyPage, CaseStudyRelatedPage
from .stories import StoryIndexPage, StoryPage, StoryPageTag, StoryRelatedPage
from .units import ExemplarUnit, UnitHonour

__all__ = [
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyRelatedPage",
    "ExemplarUnit",
    "StoryIndexPage",
    "StoryPage",
    "StoryPageTag",
    "StoryRelatedPage",
    "UnitHonour",
]
