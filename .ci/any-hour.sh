#!/usr/bin/env bash
# CI guard: the suite must not depend on when it runs. Runs `vitest run` (npm test's suite, not the
# reliability one) once per instant below, with the process clock moved by libfaketime and TZ far
# from UTC: the edges where freshness rules change.
#   1. Saturday 2026-11-28 12:00 UTC, TZ=Pacific/Kiritimati (UTC+14: already Sunday locally);
#   2. Monday 2026-11-30 12:00 UTC (before the US open), TZ=America/Anchorage (UTC-9);
#   3. Thanksgiving, Thursday 2026-11-26 16:00 UTC (NYSE closed all day), TZ=Asia/Kolkata (+5:30);
#   4. a minute before the NYSE open, 2026-12-01 14:29 UTC (the run crosses it), TZ=Europe/London;
#   5. a minute before the NYSE close, 2026-12-01 20:59 UTC (the run crosses it), TZ=Australia/Sydney;
#   6. New York's spring-forward, 2026-03-08 06:59 UTC (01:59 EST, then 03:00 EDT), TZ=America/New_York;
#   7. New York's fall-back, 2026-11-01 05:59 UTC (01:59 EDT, then 01:00 EST), TZ=Pacific/Honolulu
#      (a local time in New York is ambiguous there, and libfaketime takes the start in local time);
#   8. London's spring-forward, 2026-03-29 00:59 UTC (00:59 GMT, then 02:00 BST), TZ=Europe/London;
#   9. New Year, 2026-12-31 23:59 UTC (the run crosses into 2027), TZ=UTC.
# ANY_HOUR_ONLY=N runs instant N alone.
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

instants=(
  '2026-11-28T12:00:00Z Pacific/Kiritimati'
  '2026-11-30T12:00:00Z America/Anchorage'
  '2026-11-26T16:00:00Z Asia/Kolkata'
  '2026-12-01T14:29:00Z Europe/London'
  '2026-12-01T20:59:00Z Australia/Sydney'
  '2026-03-08T06:59:00Z America/New_York'
  '2026-11-01T05:59:00Z Pacific/Honolulu'
  '2026-03-29T00:59:00Z Europe/London'
  '2026-12-31T23:59:00Z UTC'
)
n=0
for instant in "${instants[@]}"; do
  n=$((n + 1))
  if [ -n "${ANY_HOUR_ONLY:-}" ] && [ "$ANY_HOUR_ONLY" != "$n" ]; then continue; fi
  # shellcheck disable=SC2086
  run_at $instant
done
