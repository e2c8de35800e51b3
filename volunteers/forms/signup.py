"""Placeholder replaced by the profile work: allauth needs the class to exist."""

from django import forms


class VolunteerSignupForm(forms.Form):
    def signup(self, request, user):
        pass
