"""What the commons app records in the audit log: each action with the label people read."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    PUBLICATION_CREATED = "publication.created", _("Publication created")
    PUBLICATION_CHANGED = "publication.changed", _("Publication changed")
    PUBLICATION_PUBLISHED = "publication.published", _("Publication published")
    PUBLICATION_UNPUBLISHED = "publication.unpublished", _("Publication withdrawn")
    PUBLICATION_FILE_ADDED = "publication.file_added", _("File added to a publication")
    DATASET_RESOURCE_ADDED = "dataset.resource_added", _("Resource added to a dataset")
    REUSE_DECLARED = "reuse.declared", _("Reuse declared")
    REUSE_PUBLISHED = "reuse.published", _("Reuse published")
    REUSE_REFUSED = "reuse.refused", _("Reuse refused")
    OPENDATA_BUILT = "opendata.built", _("Open-data archive built")
    OPENDATA_REBUILD_REQUESTED = (
        "opendata.rebuild_requested",
        _("Open-data archive rebuild requested"),
    )
