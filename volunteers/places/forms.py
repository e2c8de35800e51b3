from wagtail.admin.forms import WagtailAdminModelForm


class PlaceAdminForm(WagtailAdminModelForm):
    """Marks a place as edited by staff so reloading the gazetteer keeps the edit."""

    def save(self, commit=True):
        self.instance.edited_by_staff = True
        return super().save(commit=commit)
