#!/usr/bin/env bash
# Set up (first time) and start the app. On first start the app creates the demo
# database data/community.duckdb when no database exists.
#   ./run.sh                      serves on http://localhost:8501
#   PORT=8600 ./run.sh            another port
#   COMMUNITY_DB=/path/db ./run.sh   another database file
set -euo pipefail
cd "$(dirname "$0")"
source scripts/venv.sh requirements.txt
exec .venv/bin/streamlit run app.py --server.port "${PORT:-8501}" --server.address "${ADDRESS:-0.0.0.0}"
