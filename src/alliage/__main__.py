"""The ``alliage`` command: Django's management commands with Alliage's settings.

``alliage demo`` migrates, loads the demo programme into an empty database and serves it;
``alliage serve`` serves the site with gunicorn under the production settings.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["serve"]:
        # The web server runs with the production settings unless told otherwise.
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliage.settings.production")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliage.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["alliage", *args])


if __name__ == "__main__":
    main()
