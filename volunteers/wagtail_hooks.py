from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import County, Township

PLACE_PANELS = [
    FieldRowPanel([FieldPanel("name_zh"), FieldPanel("name_en")]),
    FieldRowPanel([FieldPanel("lat"), FieldPanel("lon")]),
    FieldPanel("in_reservoir_area"),
]


class CountyViewSet(SnippetViewSet):
    model = County
    icon = "site"
    menu_label = _("Counties")
    list_display = ["name_zh", "name_en", "code", "in_reservoir_area"]
    search_fields = ["name_zh", "name_en", "code"]
    panels = PLACE_PANELS
    ordering = ["code"]


class TownshipViewSet(SnippetViewSet):
    model = Township
    icon = "pick"
    menu_label = _("Townships")
    list_display = ["name_zh", "name_en", "county", "in_reservoir_area", "point_is_approximate"]
    list_filter = ["county", "in_reservoir_area", "point_is_approximate"]
    search_fields = ["name_zh", "name_en", "code"]
    panels = [FieldPanel("county"), *PLACE_PANELS, FieldPanel("point_is_approximate")]
    ordering = ["code"]


class PlacesGroup(SnippetViewSetGroup):
    items = (CountyViewSet, TownshipViewSet)
    menu_icon = "site"
    menu_label = _("Places")
    menu_name = "places"


register_snippet(PlacesGroup)
