"""What a task body needs: settings and repositories, created once per worker process (lazily)."""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass, field

from algoitny_tui.config import Settings, load_settings
from algoitny_tui.storage.factory import Repositories, open_repositories


@dataclass
class WorkerContext:
    settings: Settings
    repos: Repositories
    worker_id: str = field(default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")


_lock = threading.Lock()
_context: WorkerContext | None = None


def get_context() -> WorkerContext:
    global _context
    with _lock:
        if _context is None or _context.worker_id.rsplit(":", 1)[-1] != str(os.getpid()):
            settings = load_settings()
            _context = WorkerContext(settings=settings, repos=open_repositories(settings))
        return _context


def set_context(context: WorkerContext | None) -> None:
    """Use these settings and repositories in task bodies (tests, and the consumer at start-up)."""
    global _context
    with _lock:
        _context = context
