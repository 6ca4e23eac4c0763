#!/usr/bin/env bash
# Several app processes on one PostgreSQL database behind HAProxy (sticky sessions), on this machine.
#   COMMUNITY_DB=postgresql://community@dbhost/community scripts/serve_many.sh
#   ... scripts/serve_many.sh --processes 4 --listen 127.0.0.1:8500 --first-port 8501
# Applies the migrations once, starts the app processes (serve.py, as ./run.sh does) on 127.0.0.1
# ports 8501, 8502, ... and the proxy on 127.0.0.1:8500 (plain HTTP: for other machines, put TLS in
# front or give HAProxy the certificate, see deploy/README.md). Installs Debian's haproxy when missing.
# Ctrl-C or SIGTERM stops them all. The details: deploy/cluster.py.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh requirements.txt
scripts/haproxy.sh
exec .venv/bin/python -m deploy.cluster "$@"
