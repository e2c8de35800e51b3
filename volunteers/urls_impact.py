from django.urls import path

from volunteers.views import impact

urlpatterns = [
    path("impact/", impact.impact, name="impact"),
]
