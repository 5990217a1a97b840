#!/usr/bin/env bash
# The console's browser tests drive Debian's Chromium through /usr/bin/chromedriver (Selenium downloads nothing).
# Installs chromium and chromium-driver with apt-get when they are missing; run by Maven before the tests and by .ci/run.
set -euo pipefail

if [ -x /usr/bin/chromedriver ] && [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo -n"
fi
echo "Installing Debian's chromium and chromium-driver for the browser tests"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q chromium chromium-driver
