"""Counties and townships in the Wagtail admin, as snippets (their URLs under /admin/snippets/)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.views.snippets import SnippetViewSet

from volunteers.places.models import County, Township

IN_RESERVOIR_AREA = BooleanColumn(
    "in_reservoir_area", label=_("Reservoir area"), sort_key="in_reservoir_area"
)
PLACE_PANELS = [
    FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
    FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")]),
    FieldPanel("in_reservoir_area"),
]


class CountyViewSet(SnippetViewSet):
    model = County
    icon = "site"
    menu_label = _("Counties")
    list_display = ["name_zh", "name_en", "code", IN_RESERVOIR_AREA]
    search_fields = ["name_zh", "name_en", "code"]
    panels = PLACE_PANELS
    ordering = ["code"]


class TownshipViewSet(SnippetViewSet):
    model = Township
    icon = "pick"
    menu_label = _("Townships")
    list_display = [
        "name_zh",
        "name_en",
        "county",
        IN_RESERVOIR_AREA,
        BooleanColumn(
            "point_is_approximate", label=_("Approximate point"), sort_key="point_is_approximate"
        ),
    ]
    list_filter = ["county", "in_reservoir_area", "point_is_approximate"]
    search_fields = ["name_zh", "name_en", "code"]
    panels = [FieldPanel("county"), *PLACE_PANELS, FieldPanel("point_is_approximate")]
    ordering = ["code"]
