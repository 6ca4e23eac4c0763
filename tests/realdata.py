"""Where the shared real public data lives, and how tests that need it are marked.

The files sit beside the project (../shared/realdata) and are never copied
in; a checkout without them skips these tests instead of failing.
"""

import os
from pathlib import Path

import pytest

# COMMUNITY_REALDATA points elsewhere (e.g. from a git worktree, whose ../shared is not the project's)
REALDATA = Path(os.environ.get("COMMUNITY_REALDATA")
                or Path(__file__).resolve().parents[1].parent / "shared" / "realdata")

requires_realdata = pytest.mark.skipif(
    not REALDATA.exists(), reason=f"real public test data not found at {REALDATA}"
)


def realdata(test):
    """Mark a test as reading ../shared/realdata and skip it when absent."""
    return requires_realdata(pytest.mark.realdata(test))
