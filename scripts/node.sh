#!/usr/bin/env bash
# Node.js and npm for the test identity provider (tests/oidc_provider: node-oidc-provider, a real
# OpenID Connect provider the sign-in browser tests run on loopback); Debian's packages when node
# is missing, then the provider's pinned packages (package-lock.json) when they changed.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    echo "Installing Debian's nodejs and npm (the test identity provider)..."
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm >/dev/null
fi
provider=tests/oidc_provider
stamp="$provider/node_modules/.installed-$(sha256sum "$provider/package-lock.json" | cut -c1-16)"
if [ ! -f "$stamp" ]; then
    (cd "$provider" && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
fi
