"""The ``alliage`` command: Django's management commands with Alliage's settings.

``alliage demo`` migrates, loads the demo programme into an empty database and serves it.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliage.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["alliage", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
