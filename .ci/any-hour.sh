#!/usr/bin/env bash
# CI guard: the suite must not depend on when it runs. Runs `vitest run` (npm test's suite, not the
# reliability one) twice with the process clock moved by libfaketime and TZ far from UTC:
#   1. Saturday 2026-11-28 12:00 UTC, TZ=Pacific/Kiritimati (UTC+14: already Sunday locally);
#   2. Monday 2026-11-30 12:00 UTC (before the US open), TZ=America/Anchorage (UTC-9).
# The clock starts at that instant and keeps running (libfaketime's '@' form), so timers work; the
# test helpers pass LD_PRELOAD/FAKETIME/TZ on to the binaries they start. A test that reads the real
# clock instead of pinning it (PORTFOLIO_NOW, an injected clock) fails here.
# Expects a fresh build (npm test runs before it in .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v faketime >/dev/null || { apt-get update -qq && apt-get install -y -qq faketime; }
lib=$(find /usr/lib /usr/local/lib -name 'libfaketime.so.1' 2>/dev/null | head -1)
[ -n "$lib" ] || { echo 'any-hour: libfaketime.so.1 not found' >&2; exit 1; }

run_at() {
  local utc=$1 zone=$2
  # libfaketime reads the start time in local time: convert the UTC instant for the zone.
  local local_time
  local_time=$(TZ=$zone date -d "$utc" '+%Y-%m-%d %H:%M:%S')
  echo "any-hour: vitest with the clock at $utc ($local_time in $zone)"
  TZ=$zone LD_PRELOAD=$lib FAKETIME="@$local_time" FAKETIME_DONT_FAKE_MONOTONIC=1 \
    node -e 'const d = new Date(); if (Math.abs(d.getTime() - Date.parse(process.argv[1])) > 600000) { console.error(`any-hour: clock not moved (${d.toISOString()})`); process.exit(1); }' "$utc"
  TZ=$zone LD_PRELOAD=$lib FAKETIME="@$local_time" FAKETIME_DONT_FAKE_MONOTONIC=1 npx vitest run
}

run_at '2026-11-28T12:00:00Z' 'Pacific/Kiritimati'
run_at '2026-11-30T12:00:00Z' 'America/Anchorage'
