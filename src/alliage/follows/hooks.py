"""What follows contributes: its personal data."""

from __future__ import annotations

from alliage.core.personal_data import register_personal_data

from .selfdata import PERSONAL_DATA

register_personal_data(PERSONAL_DATA)
