"""factory_boy factories for the portal's models.

Page factories add the page under ``parent`` (required) and publish it unless
``live=False`` is passed, the way an editor would.
"""

import datetime

import factory
from wagtail.images.tests.utils import get_test_image_file

from showcase.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ExemplarUnit,
    StoryIndexPage,
    StoryPage,
    UnitHonour,
)
from volunteers.models import County, Township


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"4203{n:02d}000000")
    name_zh = factory.Sequence(lambda n: f"测试县{n}")
    name_en = factory.Sequence(lambda n: f"Test County {n}")
    lat = 32.6
    lon = 110.8


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    county = factory.SubFactory(CountyFactory)
    code = factory.Sequence(lambda n: f"420399{n:03d}000")
    name_zh = factory.Sequence(lambda n: f"测试镇{n}")
    name_en = factory.Sequence(lambda n: f"Test Town {n}")
    lat = 32.7
    lon = 111.0


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "wagtailimages.Image"

    title = factory.Sequence(lambda n: f"图片 {n}")
    description = "测试图片"
    file = factory.LazyFunction(get_test_image_file)


class ExemplarUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExemplarUnit
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"示范单位{n}")
    name_en = factory.Sequence(lambda n: f"Exemplar unit {n}")
    kind = "agency"
    county = factory.SubFactory(CountyFactory)

    @factory.post_generation
    def honours(self, create, extracted, **kwargs):
        for honour, year_from, year_to in extracted or []:
            UnitHonour.objects.create(unit=self, honour=honour, year_from=year_from, year_to=year_to)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"页面 {n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, **kwargs):
        related = kwargs.pop("units", None)
        page = model_class(*args, **kwargs)
        if related is not None:
            page.units = related
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.unpublish()
        page.refresh_from_db()
        return page


class CaseStudyIndexPageFactory(PageFactory):
    class Meta:
        model = CaseStudyIndexPage

    title = "示范案例"
    slug = "cases"


class StoryIndexPageFactory(PageFactory):
    class Meta:
        model = StoryIndexPage

    title = "工作动态"
    slug = "news"


class CaseStudyPageFactory(PageFactory):
    class Meta:
        model = CaseStudyPage

    title = factory.Sequence(lambda n: f"案例 {n}")
    topic = "water"
    summary = "一个节水案例的摘要。"
    headline_value = "45.6"
    headline_unit = "%"
    headline_label = "节水率"
    body = factory.LazyFunction(lambda: [("text", "<p>案例正文。</p>")])


class StoryPageFactory(PageFactory):
    class Meta:
        model = StoryPage

    title = factory.Sequence(lambda n: f"动态 {n}")
    summary = "一条工作动态的摘要。"
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    body = factory.LazyFunction(lambda: [("text", "<p>动态正文。</p>")])
