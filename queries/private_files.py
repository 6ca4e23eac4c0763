"""The database, its WAL, backups and everything else this app writes are for its owner only.

`owner_only()` sets the process's umask at start (serve.py, app.py, cli.py), so that every file
created afterwards, DuckDB's own included (the WAL, a backup, temporary files), is 0600 and every
folder 0700. `tighten()` does the same for one file that may already exist, e.g. a database made
before, or by a process that did not set the umask.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

UMASK = 0o077


def owner_only() -> None:
    os.umask(UMASK)


def tighten(path: Path) -> None:
    """Take group and other permissions off `path`, when it exists and has any."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & UMASK:
            path.chmod(mode & ~UMASK)
    except (FileNotFoundError, PermissionError):    # gone, or another user's file: not ours to change
        return
