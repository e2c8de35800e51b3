from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    WATER = "water", _("Water saving")
    ENERGY = "energy", _("Energy saving")
    SOLAR = "solar", _("Solar power")
    GEOTHERMAL = "geothermal", _("Geothermal")
    TRANSPORT = "transport", _("Green transport")
    FOOD = "food", _("Clean-plate campaign")
    WASTE = "waste", _("Waste sorting")
    CONTRACT = "contract", _("Performance contracting")


class UnitKind(models.TextChoices):
    AGENCY = "agency", _("Government agency")
    HOSPITAL = "hospital", _("Hospital")
    UNIVERSITY = "university", _("University")
    SCHOOL = "school", _("School")
    ENTERPRISE = "enterprise", _("State enterprise")
    OTHER = "other", _("Other public institution")


class Honour(models.TextChoices):
    WATER_LEADER = "water_leader", _("Public-institution water-efficiency leader")
    NATIONAL_EXEMPLAR = "national_exemplar", _("National exemplar resource-saving institution")
    GREEN_LOW_CARBON = "green_low_carbon", _("National green low-carbon public institution")
    SAVING_OFFICE = "saving_office", _("Resource-saving government office")
    WATER_SAVING_UNIT = "water_saving_unit", _("Provincial water-saving institution")
    TYPICAL_CASE = "typical_case", _("National typical case")
