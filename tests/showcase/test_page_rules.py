from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal.models import HomePage
from showcase.models import CaseStudyIndexPage, CaseStudyPage, StoryIndexPage, StoryPage


class PageRulesTests(WagtailPageTestCase):
    def test_indexes_live_under_the_home_page_only(self):
        self.assertCanCreateAt(HomePage, CaseStudyIndexPage)
        self.assertCanCreateAt(HomePage, StoryIndexPage)
        self.assertCanNotCreateAt(Page, CaseStudyIndexPage)
        self.assertCanNotCreateAt(StoryIndexPage, CaseStudyIndexPage)

    def test_case_studies_and_stories_go_in_their_own_index(self):
        self.assertAllowedSubpageTypes(CaseStudyIndexPage, {CaseStudyPage})
        self.assertAllowedSubpageTypes(StoryIndexPage, {StoryPage})
        self.assertAllowedParentPageTypes(CaseStudyPage, {CaseStudyIndexPage})
        self.assertAllowedParentPageTypes(StoryPage, {StoryIndexPage})
        self.assertCanNotCreateAt(CaseStudyIndexPage, StoryPage)

    def test_leaf_pages_have_no_children(self):
        self.assertAllowedSubpageTypes(CaseStudyPage, set())
        self.assertAllowedSubpageTypes(StoryPage, set())
