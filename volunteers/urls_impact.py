from django.urls import path

from .views import impact

urlpatterns = [
    path("impact/", impact.impact, name="impact"),
]
