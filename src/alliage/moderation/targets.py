"""What may be reported, and how moderation reads and acts on each: the permission to see
it, the programme whose team decides, its authors, and the lever that hides it. Each app
registers its own models (``hooks.REPORTABLES``): moderation imports none of them."""

from __future__ import annotations

from alliage.core import hooks
from alliage.core.hooks import Reportable


def reportables() -> dict[str, Reportable]:
    """Each reportable model ("discussions.comment") with how moderation acts on it; every
    app that has something to report registers its ``Reportable`` in its ``hooks.py``."""
    return {entry.key: entry for entry in hooks.get_hooks(hooks.REPORTABLES)}
