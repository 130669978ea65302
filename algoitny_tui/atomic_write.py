"""The one way a file of the app is written: whole or not at all.

The data goes to a temporary file beside the target, is fsynced, then renamed over the target, so a reader (or a
machine that loses power, or an app killed with SIGKILL) sees the previous file or the new one, never half of one.
Light: the standard library only, so the judge and the app's first frame can use it.
"""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(path: Path, data: str | bytes, *, mode: int = 0o666) -> int:
    """Replace `path` with `data` (text is written as UTF-8); its directory is made when missing. `mode` is that
    of a new file before the umask (0o600: readable by its owner only). Returns the written file's mtime in ns, read
    before the rename (a change made right after by someone else then still shows as one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # unique per write: two threads saving the same file must not share a temporary file
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
            mtime = os.fstat(fh.fileno()).st_mtime_ns
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return mtime
