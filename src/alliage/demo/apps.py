"""Demo: the seeded programme (the seed document's facts) and the ``demo`` command.

Sits on top: may import every other app's services and models.
"""

from __future__ import annotations

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "alliage.demo"
    label = "demo"
    verbose_name = "Demo"
