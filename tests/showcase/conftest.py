import pytest

from tests.factories import CaseStudyIndexPageFactory, StoryIndexPageFactory


@pytest.fixture
def cases_index(home):
    return CaseStudyIndexPageFactory(parent=home)


@pytest.fixture
def news_index(home):
    return StoryIndexPageFactory(parent=home)
