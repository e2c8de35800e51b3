from django.urls import path

from volunteers.views import maps

urlpatterns = [
    path("events/map/", maps.event_map, name="event_map"),
    path("events/<int:pk>/popup/", maps.event_popup, name="event_popup"),
    path("townships/", maps.township_list, name="township_list"),
    path("townships/<str:code>/", maps.township_detail, name="township_detail"),
]
