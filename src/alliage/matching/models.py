"""Where the index is published for every app server: in the database, so that several
machines need no shared disk (see ``store``).

- ``IndexState``: one row, the version every process checks. ``version`` grows with each
  published change; ``snapshot_version`` is the version the stored snapshot holds;
  ``snapshot_id`` (random, so that a database restored or flushed never meets a cache file
  of another snapshot under the same name) changes when a snapshot replaces another (a
  compaction, a rebuild, an erasure), which tells each process to drop what it loaded and
  every cache file of an older one; ``generation`` counts those replacements.
- ``SnapshotChunk``: the snapshot's arrays, one ``.npy`` file (or ``meta.json``) cut into
  chunks of at most ``CHUNK_BYTES``, written once per compaction.
- ``IndexDelta``: one row per document changed since the snapshot, the latest only (a newer
  change of a key replaces its row): the document itself (``document``), or null for a
  removal. Proportional to what changed, never to the size of the index."""

from __future__ import annotations

from django.db import models


class IndexState(models.Model):
    version = models.BigIntegerField(default=0)
    snapshot_version = models.BigIntegerField(default=0)
    generation = models.BigIntegerField(default=0)
    snapshot_id = models.CharField(max_length=32, blank=True)  # "" before the first build
    chunks = models.IntegerField(default=0)  # how many chunks the snapshot has
    documents = models.IntegerField(default=0)  # documents in the snapshot
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"matching index v{self.version} (snapshot v{self.snapshot_version})"


class SnapshotChunk(models.Model):
    snapshot_id = models.CharField(max_length=32, db_index=True)
    name = models.CharField(max_length=100)
    seq = models.IntegerField()
    data = models.BinaryField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot_id", "name", "seq"], name="matching_chunk_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.generation}/{self.name}#{self.seq}"


class IndexDelta(models.Model):
    key = models.CharField(max_length=100, unique=True)
    version = models.BigIntegerField(db_index=True)
    document = models.JSONField(null=True)

    def __str__(self) -> str:
        return f"{self.key}@{self.version}"
