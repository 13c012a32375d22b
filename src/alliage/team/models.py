"""No models. The module exists so that ``migrate`` sends this app its ``post_migrate`` signal
(Django skips apps without one), after every app it lists in INSTALLED_APPS before it has
created its permissions: the team group is then brought up to date (``apps.py``)."""
