"""Unix socket addresses of any length.

A socket's path may have at most 107 bytes (the kernel's sun_path), which a deep ALGOITNY_HOME passes: a worker's
wake-up and submit sockets then could not be bound or reached, and their users quietly took the slow way. Linux
reaches the same file through a descriptor of its directory, `/proc/self/fd/N/NAME`, whatever the path's length.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

MAX_PATH_BYTES = 107


@contextmanager
def socket_address(path: Path) -> Iterator[str]:
    """An address for bind(), connect() or sendto() that names `path`, valid inside the `with` block."""
    if len(os.fsencode(path)) <= MAX_PATH_BYTES or not sys.platform.startswith("linux"):
        yield str(path)  # elsewhere a long path fails as it did, and the caller takes its fallback
        return
    directory = os.open(path.parent, os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        yield f"/proc/self/fd/{directory}/{path.name}"
    finally:
        os.close(directory)
