"""S3-compatible object storage (AWS, MinIO, Garage, Ceph…) for ``ALLIAGE_STORAGE_URL``; a
module of its own so that boto3 is imported only by a site that uses it."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files import File
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

from .storage import StorageUnavailable

READ_CHUNK = 256 * 1024


@contextlib.contextmanager
def _answering(name: str) -> Iterator[None]:
    """A missing object as ``FileNotFoundError``, any other failure of the store as
    ``StorageUnavailable`` (both ``OSError``, as on disk)."""
    try:
        yield
    except ClientError as error:
        if _not_found(error):
            raise FileNotFoundError(f"File does not exist: {name}") from error
        raise StorageUnavailable(f"The object store refused {name}: {error}") from error
    except BotoCoreError as error:
        raise StorageUnavailable(f"The object store did not answer: {error}") from error


class ObjectReader(io.RawIOBase):
    """A stored object read as it arrives, never whole into memory: one GET streams it from
    the start, and a seek elsewhere (a zip reads its directory at the end) asks for the rest
    from there with a ranged GET, only when something is read."""

    def __init__(self, client: Any, bucket: str, key: str) -> None:
        super().__init__()
        self._client, self._bucket, self._key = client, bucket, key
        with _answering(key):
            answer = client.get_object(Bucket=bucket, Key=key)
        self.size: int = int(answer["ContentLength"])
        self._body: Any = answer["Body"]
        self._body_position = 0
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: self.size}[whence]
        if base + offset < 0:
            raise ValueError("negative seek position")
        self._position = base + offset
        return self._position

    def readinto(self, buffer: Any) -> int:
        if self._position >= self.size or not len(buffer):
            return 0
        if self._body is None or self._body_position != self._position:
            self._drop_body()
            with _answering(self._key):
                answer = self._client.get_object(
                    Bucket=self._bucket, Key=self._key, Range=f"bytes={self._position}-"
                )
            self._body, self._body_position = answer["Body"], self._position
        with _answering(self._key):
            data = self._body.read(len(buffer))
        count = len(data)
        buffer[:count] = data
        self._position += count
        self._body_position += count
        return count

    def _drop_body(self) -> None:
        if self._body is not None:
            with contextlib.suppress(Exception):
                self._body.close()
            self._body = None

    def close(self) -> None:
        self._drop_body()
        super().close()


class StoredFile(File):
    """A file of the object storage opened for reading: buffered, seekable, its size known
    from the GET (no HEAD), opened again on ``open()`` once closed."""

    def __init__(self, storage: PrivateS3Storage, name: str, key: str) -> None:
        self._storage, self._key = storage, key
        super().__init__(self._reader(), name=name)

    def _reader(self) -> io.BufferedReader:
        raw = ObjectReader(
            self._storage.connection.meta.client, self._storage.bucket_name, self._key
        )
        self.size = raw.size
        return io.BufferedReader(raw, buffer_size=READ_CHUNK)

    def open(self, mode: str | None = None) -> StoredFile:
        if self.closed:
            self.file = self._reader()
        else:
            self.seek(0)
        return self


def _not_found(error: Exception) -> bool:
    response = getattr(error, "response", None) or {}
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    return status == 404 or response.get("Error", {}).get("Code") in {"NoSuchKey", "404"}


class PrivateS3Storage(S3Storage):
    """Uploads and archives in an S3-compatible bucket (AWS, MinIO, Garage, Ceph…): objects
    private, never overwritten (a name taken gets another, as on disk), no link to the bucket
    handed out (every file is served by a view that checks the permission, so ``url()`` is
    unsigned and the bucket refuses it), reads streamed, and short timeouts so that a store
    that does not answer fails a request instead of holding a worker."""

    default_acl = "private"
    file_overwrite = False
    querystring_auth = False

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        if getattr(settings, "AWS_S3_CLIENT_CONFIG", None) is None:
            self.client_config = self.client_config.merge(
                Config(
                    connect_timeout=5,
                    read_timeout=60,
                    retries={"max_attempts": 3, "mode": "standard"},
                )
            )
        self._probe_client: Any = None

    def _open(self, name: str, mode: str = "rb") -> File:
        if any(flag in mode for flag in "wa+"):
            return super()._open(name, mode)
        key = self._normalize_name(clean_name(name))
        stored = StoredFile(self, clean_name(name), key)
        if "b" not in mode:
            return File(io.TextIOWrapper(stored.file, encoding="utf-8"), name=stored.name)
        return stored

    def _save(self, name: str, content: Any) -> str:
        with _answering(name):
            return super()._save(name, content)

    def delete(self, name: str) -> None:
        with _answering(name):
            super().delete(name)

    def exists(self, name: str) -> bool:
        with _answering(name):
            return super().exists(name)

    def size(self, name: str) -> int:
        with _answering(name):
            return super().size(name)

    def walk(self) -> Iterator[tuple[str, dt.datetime]]:
        """Every object under this storage's location, with its modification time, from
        the bucket's listing (one request per thousand objects, no HEAD per object)."""
        prefix = f"{self.location.rstrip('/')}/" if self.location else ""
        paginator = self.connection.meta.client.get_paginator("list_objects_v2")
        with _answering(prefix or "/"):
            pages = list(paginator.paginate(Bucket=self.bucket_name, Prefix=prefix))
        for page in pages:
            for entry in page.get("Contents", ()):
                name = entry["Key"][len(prefix) :]
                if name and not name.endswith("/"):
                    yield name, entry["LastModified"]

    def probe(self) -> None:
        """Raise unless the bucket answers, within two seconds and without retries."""
        if self._probe_client is None:
            self._probe_client = self._create_session().client(
                "s3",
                region_name=self.region_name,
                use_ssl=self.use_ssl,
                endpoint_url=self.endpoint_url,
                verify=self.verify,
                config=self.client_config.merge(
                    Config(connect_timeout=2, read_timeout=2, retries={"total_max_attempts": 1})
                ),
            )
        self._probe_client.head_bucket(Bucket=self.bucket_name)
