#!/usr/bin/env bash
# Debian's HAProxy, the load balancer of several app processes (scripts/serve_many.sh and its
# tests). Installed only when missing; Debian's package also sets up a service of its own, which
# the deployment does not need on a machine that runs scripts/serve_many.sh in the foreground.
set -euo pipefail
if [ -x /usr/sbin/haproxy ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
echo "Installing Debian's haproxy (several app processes behind one address)..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq haproxy >/dev/null
