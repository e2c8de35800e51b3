"""Site-wide content: the home page, its headline indicators and site settings."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.home_sections import collect_home_feeds, render_home_sections
from portal.outbox import OutgoingMail, OutgoingSms  # noqa: F401  (models live in their own module)
from portal.search.mixins import SearchTokensMixin
from portal.slugs import ReadableSlugPageForm


class HomePage(SearchTokensMixin, Page):
    """The portal's front page: the headline indicators plus sections other apps add."""

    base_form_class = ReadableSlugPageForm

    # Its sections show upcoming events, teams, live totals and campaigns (portal.pagecache).
    cache_tags = ("events", "teams", "figures", "campaigns")

    hero_kicker = models.CharField(_("kicker"), max_length=80, blank=True)
    hero_title = models.CharField(_("headline"), max_length=120)
    hero_intro = models.TextField(_("introduction"), max_length=600, blank=True)
    indicators_heading = models.CharField(
        _("indicators heading"), max_length=120, default="", blank=True
    )
    indicators_note = models.CharField(
        _("indicators note"),
        max_length=300,
        blank=True,
        help_text=_("Period and baseline the figures refer to, and their source."),
    )
    body = RichTextField(_("about"), blank=True, features=["bold", "italic", "link", "ol", "ul"])

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_kicker"), FieldPanel("hero_title"), FieldPanel("hero_intro")],
            heading=_("Hero"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("indicators_heading"),
                FieldPanel("indicators_note"),
                InlinePanel("indicators", label=_("Indicator"), min_num=1, max_num=12),
            ],
            heading=_("Headline indicators"),
        ),
        FieldPanel("body"),
    ]

    search_text_fields = ("hero_kicker", "hero_title", "hero_intro")
    search_fields = Page.search_fields + [index.SearchField("search_tokens")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["indicators"] = list(self.indicators.all())
        context["home_sections"] = render_home_sections(request, self)
        context["feed_links"] = collect_home_feeds(self)
        return context


class HomeIndicator(Orderable):
    """One headline figure, e.g. "−59.3 % per-capita energy use"."""

    class Trend(models.TextChoices):
        DOWN = "down", _("decrease (good)")
        UP = "up", _("increase (good)")
        NONE = "none", _("count")

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="indicators")
    value = models.CharField(_("value"), max_length=20, help_text=_("e.g. 59.3 or 2,000+"))
    unit = models.CharField(_("unit"), max_length=20, blank=True, help_text=_("e.g. %, 万, 个"))
    label = models.CharField(_("label"), max_length=80)
    note = models.CharField(_("note"), max_length=160, blank=True)
    trend = models.CharField(_("kind"), max_length=8, choices=Trend.choices, default=Trend.NONE)

    panels = [
        FieldPanel("value"),
        FieldPanel("unit"),
        FieldPanel("label"),
        FieldPanel("note"),
        FieldPanel("trend"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.label}: {self.value}{self.unit}"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and the footer's fine print, edited under Settings."""

    organisation = models.CharField(
        _("organisation"), max_length=120, default="十堰市机关事务服务中心"
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    icp_number = models.CharField(
        _("ICP record number"),
        max_length=60,
        blank=True,
        help_text=_(
            "Shown in the footer, as required for sites hosted in mainland China,"
            " e.g. 鄂ICP备12345678号-1; it links to the MIIT record search."
        ),
    )
    public_security_record = models.CharField(
        _("public security record number"),
        max_length=60,
        blank=True,
        help_text=_("e.g. 鄂公网安备42030202000123号; it links to the record search."),
    )
    government_site_code = models.CharField(
        _("government website code"),
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^\d{10}$", _("The code has 10 digits."))],
        help_text=_("政府网站标识码: the 10 digits given to the portal as a government website."),
    )

    certificate_seal = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("seal on hours certificates"),
        help_text=_(
            "The issuing office's seal, as a PNG with a transparent background; it is printed"
            " beside the issuer's name on every new certificate."
        ),
    )
    certificate_signatory = models.CharField(
        _("signatory of hours certificates"),
        max_length=80,
        blank=True,
        help_text=_("Who signs for the issuer, e.g. 负责人：王明."),
    )

    @property
    def public_security_record_code(self) -> str:
        """The digits the record search is asked for."""
        return "".join(ch for ch in self.public_security_record if ch.isdigit())

    panels = [
        FieldPanel("organisation"),
        FieldPanel("contact_email"),
        FieldPanel("contact_phone"),
        FieldPanel("address"),
        MultiFieldPanel(
            [
                FieldPanel("icp_number"),
                FieldPanel("public_security_record"),
                FieldPanel("government_site_code"),
            ],
            heading=_("Filings shown in the footer"),
        ),
        MultiFieldPanel(
            [FieldPanel("certificate_seal"), FieldPanel("certificate_signatory")],
            heading=_("Hours certificates"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")
