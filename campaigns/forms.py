from django import forms
from django.utils.translation import gettext_lazy as _

from campaigns.models.pledges import DISPLAY_NAME_MAX
from campaigns.services import display_name_clean
from portal.errors import ServiceError

HONEYPOT_FIELD = "website"


class PledgeForm(forms.Form):
    """A visitor's pledge without an account: a public name, and a field only bots fill."""

    display_name = forms.CharField(
        label=_("Your name as shown with the pledge"),
        required=False,
        strip=False,
        help_text=_("Up to 40 characters, e.g. “Xiao Li of the city canteen”. Never your e-mail."),
        widget=forms.TextInput(
            attrs={
                "maxlength": DISPLAY_NAME_MAX,
                "autocomplete": "nickname",
                "enterkeyhint": "done",
            }
        ),
    )
    # Hidden from people by CSS and from assistive technology; bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_display_name(self):
        try:
            return display_name_clean(self.cleaned_data.get("display_name", ""))
        except ServiceError as error:
            raise forms.ValidationError(error.messages) from None


def honeypot_filled(data) -> bool:
    return bool((data.get(HONEYPOT_FIELD) or "").strip())
