"""gunicorn's configuration file for ``alliage serve``
(``gunicorn --config python:alliage.core.gunicorn_conf alliage.wsgi:application``): the settings
``alliage.core.serve.gunicorn_options`` reads from the environment. This module imports no
Django: gunicorn's master stays free of the application, so a reload (HUP) starts workers
with the new code."""

from __future__ import annotations

import os

from alliage.core.serve import child_exit, gunicorn_options

globals().update(gunicorn_options(os.environ))
# Recent gunicorn opens a control socket in the home directory, which two servers of one user
# would share; nothing here uses it (an older gunicorn ignores the name).
control_socket_disable = True

__all__ = ["child_exit"]
