"""Pages of the commons, by subject; ``urls`` reaches them all from here."""

from __future__ import annotations

from .open_data import (
    catalog_jsonld,
    opendata,
    opendata_archive,
    opendata_build,
    opendata_member,
)
from .publications import (
    cover,
    dataset_jsonld,
    file_download,
    library,
    publication_create,
    publication_detail,
    publication_edit,
    publication_file_add,
    publication_files,
    resource_add,
    resource_download,
)
from .reuses import moderation, reuse_declare, reuse_moderate

__all__ = [
    "catalog_jsonld",
    "cover",
    "dataset_jsonld",
    "file_download",
    "library",
    "moderation",
    "opendata",
    "opendata_archive",
    "opendata_build",
    "opendata_member",
    "publication_create",
    "publication_detail",
    "publication_edit",
    "publication_file_add",
    "publication_files",
    "resource_add",
    "resource_download",
    "reuse_declare",
    "reuse_moderate",
]
