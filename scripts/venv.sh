# Sourced by run.sh and test.sh: make .venv and install the pinned requirements
# when they changed since the last install (a stamp file remembers).
# Usage: source scripts/venv.sh REQUIREMENTS_FILE
req="$1"
if [ ! -x .venv/bin/python ]; then
    if ! python3 -m venv .venv; then
        rm -rf .venv
        # Debian ships venv separately
        if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-venv >/dev/null
        python3 -m venv .venv
    fi
fi
stamp=".venv/.installed-$(cat requirements.txt "$req" | sha256sum | cut -c1-16)-$(basename "$req")"
if [ ! -f "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -r "$req"
    touch "$stamp"
fi
