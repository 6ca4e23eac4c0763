"""Where the shared real public data lives, and how tests that need it are marked.

The files sit beside the project (../shared/realdata) and are never copied
in; a checkout without them skips these tests instead of failing.
"""

import os
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parents[1]
# COMMUNITY_REALDATA points elsewhere; else ../shared/realdata from the project root, looking
# further up from a git worktree (e.g. /work/wt/issueN)
REALDATA = Path(os.environ.get("COMMUNITY_REALDATA") or next(
    (folder / "shared" / "realdata" for folder in _ROOT.parents if (folder / "shared" / "realdata").is_dir()),
    _ROOT.parent / "shared" / "realdata"))

requires_realdata = pytest.mark.skipif(
    not REALDATA.exists(), reason=f"real public test data not found at {REALDATA}"
)


def realdata(test):
    """Mark a test as reading ../shared/realdata and skip it when absent."""
    return requires_realdata(pytest.mark.realdata(test))
