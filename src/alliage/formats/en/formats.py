"""English dates as the rest of the site writes them ("4 December 2026"), not Django's US
default ("Dec. 4, 2026"): the programme is European. Times keep Django's English style."""

from __future__ import annotations

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, P"
