#!/usr/bin/env bash
# Set up (first time) and start the app. On first start the demo database
# data/community.duckdb is built before the server starts, when no database exists.
#   ./run.sh                      serves on http://localhost:8501
#   PORT=8600 ./run.sh            another port
#   COMMUNITY_DB=/path/db ./run.sh   another database file
#   ADDRESS=10.0.0.5 ./run.sh     listen on another address (default: this machine only,
#                                 127.0.0.1; for other machines use a TLS reverse proxy,
#                                 see deploy/nginx.conf)
# serve.py runs app.py with security headers and owner-only files (see serve.py).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh requirements.txt
.venv/bin/python cli.py init --demo-if-new
exec .venv/bin/streamlit run serve.py --server.port "${PORT:-8501}" --server.address "${ADDRESS:-127.0.0.1}"
