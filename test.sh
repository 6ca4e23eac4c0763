#!/usr/bin/env bash
# Set up (first time) and run the whole test suite, browser tests included.
# Installs Debian's Chromium and its headless shell for the browser tests and Debian's PostgreSQL for the server mode tests
# when they are missing (needs root or sudo; scripts/chromium.sh, scripts/postgres.sh), Debian's
# HAProxy for the deployment's tests (scripts/haproxy.sh), and
# Node.js with the test identity provider's pinned packages (scripts/node.sh).
# Test files run in parallel (pytest-xdist), each file whole on one worker so that its module
# fixtures (a server, a browser, a poisoned database) are built once. Two workers per core: a
# browser test's worker mostly waits for its server and Chromium (with one worker more than the
# cores, the suite's processes used 16 CPU-minutes in 15 minutes on 2 cores: the cores were busy
# about half the time). Files are handed out in
# collection order, which tests/conftest.py starts with the slowest files (without
# --no-loadscope-reorder, xdist would hand out the files with the most tests first, and the
# slowest files, which hold one or two tests each, would start last and finish minutes after
# the rest).
#   ./test.sh                 everything
#   ./test.sh -k sign_in      extra arguments go to pytest
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh requirements-dev.txt
scripts/chromium.sh
scripts/postgres.sh
scripts/haproxy.sh
scripts/node.sh
exec .venv/bin/python -m pytest -n "$(( $(nproc) * 2 ))" --dist loadfile --no-loadscope-reorder "$@"
