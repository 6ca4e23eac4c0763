#!/usr/bin/env bash
# Debian's PostgreSQL server and client for the tests of server mode. The tests start their own
# throwaway cluster in a temporary folder (tests/postgres_support.py); this only installs the
# programs (initdb, pg_ctl, postgres, psql) when no version of them is there. Debian's package
# also creates and starts a cluster of its own as a service; the tests do not use it.
set -euo pipefail
if compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "Installing Debian's postgresql (server mode tests)..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql postgresql-client >/dev/null
