#!/usr/bin/env bash
# Runs every test of Kiln (unit, golden, differential, end-to-end) with a JDK 25.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$root/scripts/find-jdk.sh"
cd "$root"
exec mvn -B -ntp test "$@"
