from showcase.models.cases import CaseStudyIndexPage, CaseStudyPage, CaseStudyRelatedPage
from showcase.models.stories import StoryIndexPage, StoryPage, StoryPageTag, StoryRelatedPage
from showcase.models.units import ExemplarUnit, UnitHonour

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
