from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForcefieldConfig(AppConfig):
    name = "forcefield"
    verbose_name = _("Force field")
