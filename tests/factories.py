"""factory_boy factories for the portal's models.

Page factories add the page under ``parent`` (required) and publish it unless
``live=False`` is passed, the way an editor would.
"""

import datetime

import factory
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file

from showcase.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    ExemplarUnit,
    StoryIndexPage,
    StoryPage,
    UnitHonour,
)
from volunteers.people.phones import phone_normalise
from volunteers.places.models import County, Township


class CountyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = County
        django_get_or_create = ("code",)

    # Twelve characters like real division codes (the column is 12 wide).
    code = factory.Sequence(lambda n: f"4203{n:04d}0000")
    name_zh = factory.Sequence(lambda n: f"测试县{n}")
    name_en = factory.Sequence(lambda n: f"Test County {n}")
    lat = 32.6
    lon = 110.8


class TownshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Township

    county = factory.SubFactory(CountyFactory)
    code = factory.Sequence(lambda n: f"42039{n:04d}000")
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
            UnitHonour.objects.create(
                unit=self, honour=honour, year_from=year_from, year_to=year_to
            )


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
    summary = "一个示范案例的摘要。"
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


# --- Volunteers ---------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"volunteer{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    password = factory.django.Password("riverbank-2026")


class VolunteerFactory(factory.django.DjangoModelFactory):
    """A volunteer profile (and its user account)."""

    class Meta:
        model = "volunteers.VolunteerProfile"

    user = factory.SubFactory(UserFactory)
    display_name = factory.Sequence(lambda n: f"小水滴{n}")

    real_name = factory.Sequence(lambda n: f"张{n}")
    phone = factory.Sequence(lambda n: f"+86138{n:08d}")
    privacy_notice_version = "2026-11"
    privacy_accepted_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        # Tests write numbers as people do ("13912345678"); they are stored in E.164.
        if kwargs.get("phone"):
            kwargs["phone"] = phone_normalise(kwargs["phone"])
        return kwargs


class TeamFactory(factory.django.DjangoModelFactory):
    """An approved team; ``leader`` (a user) becomes its leader."""

    class Meta:
        model = "volunteers.Team"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"护水队{n}")
    county = factory.SubFactory(CountyFactory)
    township = factory.SubFactory(TownshipFactory, county=factory.SelfAttribute("..county"))
    description = "在库区乡镇巡河、清漂。"
    status = "approved"

    @factory.post_generation
    def leader(self, create, extracted, **kwargs):
        if extracted is not None:
            MembershipFactory(team=self, user=extracted, role="leader", status="active")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "volunteers.Membership"

    team = factory.SubFactory(TeamFactory)
    user = factory.SubFactory(UserFactory)
    role = "member"
    status = "active"


def _in_days(days, hours=9):
    now = timezone.localtime()
    return (now + datetime.timedelta(days=days)).replace(
        hour=hours, minute=0, second=0, microsecond=0
    )


class EventFactory(factory.django.DjangoModelFactory):
    """A public event a week from now, 09:00–12:00, sign-up closing the day before."""

    class Meta:
        model = "volunteers.Event"

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"巡河活动{n}")
    kind = "patrol"
    township = factory.LazyAttribute(lambda e: e.team.township if e.team else TownshipFactory())
    starts_at = factory.LazyFunction(lambda: _in_days(7))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + datetime.timedelta(hours=3))
    signup_deadline = factory.LazyAttribute(lambda e: e.starts_at - datetime.timedelta(days=1))
    capacity = 10
    meeting_point = "镇政府门口"


class SignupFactory(factory.django.DjangoModelFactory):
    """A confirmed place, written directly (no e-mail): for lists and exports."""

    class Meta:
        model = "volunteers.Signup"

    event = factory.SubFactory(EventFactory)
    user = factory.LazyFunction(lambda: VolunteerFactory().user)
    status = "confirmed"


# --- Campaigns ------------------------------------------------------------------


def _shiyan_days_from_today(days):
    from portal.dates import shiyan_today

    return shiyan_today() + datetime.timedelta(days=days)


class CampaignIndexPageFactory(PageFactory):
    class Meta:
        model = "campaigns.CampaignIndexPage"

    title = "专项行动"
    slug = "campaigns"


PLEDGES_GOAL = {"label": "作出光盘承诺", "kind": "pledges", "target": 100, "unit": "人"}


class CampaignPageFactory(PageFactory):
    """A running campaign (started 30 days ago, ends in 30) that asks for a pledge.

    ``goals`` is a list of dicts of CampaignGoal fields (default: one pledges
    goal with target 100); ``related`` a list of pages.
    """

    class Meta:
        model = "campaigns.CampaignPage"

    title = factory.Sequence(lambda n: f"专项行动 {n}")
    theme = "food"
    summary = "在机关食堂践行光盘行动，攒碳积分。"
    start_date = factory.LazyFunction(lambda: _shiyan_days_from_today(-30))
    end_date = factory.LazyFunction(lambda: _shiyan_days_from_today(30))
    pledge_text = "我承诺：光盘不剩饭"
    body = factory.LazyFunction(lambda: [("text", "<p>行动正文。</p>")])

    @classmethod
    def _create(cls, model_class, *args, parent=None, live=True, goals=None, related=(), **kwargs):
        from campaigns.models import CampaignGoal, CampaignRelatedPage

        page = model_class(*args, **kwargs)
        page.goals = [
            CampaignGoal(sort_order=n, **goal)
            for n, goal in enumerate([PLEDGES_GOAL] if goals is None else goals)
        ]
        page.related_links = [CampaignRelatedPage(related=p) for p in related]
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        else:
            page.unpublish()
        page.refresh_from_db()
        return page


class GoalUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "campaigns.GoalUpdate"

    date = factory.LazyFunction(lambda: _shiyan_days_from_today(-1))
    value = 10


class PledgeFactory(factory.django.DjangoModelFactory):
    """An anonymous visitor's active pledge, written directly (no rate limit, no e-mail)."""

    class Meta:
        model = "campaigns.Pledge"

    display_name = factory.Sequence(lambda n: f"光盘达人{n}")


# --- Service hours --------------------------------------------------------------


class ServiceRecordFactory(factory.django.DjangoModelFactory):
    """A record written directly (no audit row, no rollups): for lists and rebuilds."""

    class Meta:
        model = "volunteers.ServiceRecord"

    volunteer = factory.LazyFunction(lambda: VolunteerFactory().user)
    event = None
    team = factory.SubFactory(TeamFactory)
    township = factory.LazyAttribute(lambda r: r.team.township if r.team else TownshipFactory())
    date = factory.LazyFunction(timezone.localdate)
    hours = 2
    source = "manual"
    status = "draft"
