"""An index as a directory of ``.npy`` files and a ``meta.json``, readable memory-mapped.

``np.load(..., mmap_mode="r")`` maps each array file instead of reading it: the gunicorn
workers of one machine that open the same directory share its pages through the operating
system's page cache, where an ``.npz`` (a zip) must be read into each process's own memory.
The files of one snapshot are written once, into a temporary directory renamed into place,
so a reader sees a whole snapshot or none. Strings (keys, terms, surface words) stay in the
JSON file: each process holds its own dictionaries of them, the arrays are shared.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from .engine import Index, UnreadableIndex

META = "meta.json"


def files(index: Index) -> Iterator[tuple[str, bytes]]:
    """(file name, content) of each file of the snapshot of ``index``."""
    meta, arrays = index.parts()
    yield META, json.dumps(meta, ensure_ascii=False).encode()
    for name, array in arrays.items():
        buffer = _npy(np.ascontiguousarray(array))
        yield f"{name}.npy", buffer


def _npy(array: np.ndarray) -> bytes:
    import io

    out = io.BytesIO()
    np.save(out, array, allow_pickle=False)
    return out.getvalue()


def write(target: Path, parts: Iterator[tuple[str, bytes]]) -> Path:
    """Write the files into ``target`` atomically (a temporary sibling renamed into place);
    an existing ``target`` is kept as it is (another process wrote the same snapshot)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_dir():
        return target
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        for name, data in parts:
            (tmp / name).write_bytes(data)
        try:
            os.rename(tmp, target)
        except OSError:  # written meanwhile by another process: theirs is the same
            if not target.is_dir():
                raise
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def read_parts(directory: Path, *, mmap: bool = True) -> tuple[dict[str, Any], dict[str, Any]]:
    """The metadata and the arrays of a snapshot directory, the arrays memory-mapped."""
    if not (directory / META).is_file():
        raise FileNotFoundError(directory / META)
    try:
        meta = json.loads((directory / META).read_bytes().decode())
    except ValueError as error:
        raise UnreadableIndex(f"meta.json: {error}") from error
    arrays = {}
    for path in directory.glob("*.npy"):
        array = np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
        arrays[path.name[: -len(".npy")]] = array
    return meta, arrays
