#!/usr/bin/env bash
# HallDesk's test command: `npm test` runs this file.
#
#   1. system prerequisites (Debian packages the tests use)
#   2. tsc --noEmit        (typecheck)
#   3. eslint .            (lint + architecture boundaries)
#   4. vitest run          (unit and integration tests, JSON report in vitest.json)
#   4b. vitest run again on PostgreSQL: the repository and contract suites (PG_SUITES) with
#      HALLDESK_TEST_DATABASE=postgres, each fixture on a database of its own (vitest-pg.json)
#   5. playwright test     (end-to-end in Debian's Chromium against browser mode,
#                           JSON report in playwright.json; see playwright.config.ts)
#
# All steps run even when an earlier one fails, so one run shows every problem.
# The last line printed is always `N passed, N failed` (a failed typecheck, lint or
# prerequisite step counts as 1 failed each). Exit status is non-zero if anything
# failed or if no test ran.
#
# Env: HALLDESK_SKIP_PREREQS=1 skips step 1 (for machines without dpkg where you
#      know the tools are there).
#      HALLDESK_CHROMIUM=/path/to/chromium overrides /usr/bin/chromium for step 5.
#      A missing Chromium FAILS step 5; it is never skipped.

# Debian packages the tests need. Adding one is adding one word.
# pcscd, vsmartcard-vpcd: the real PC/SC stack of tests/cards (a private pcscd + a vpcd reader);
# libpcsclite-dev: the headers the `smartcard` binding builds against.
# postgresql: the hall server of issue 8; .ci/postgres.sh runs a private cluster of it on 127.0.0.1:55432.
APT_PACKAGES="sqlite3 poppler-utils zbar-tools chromium fonts-wqy-microhei socat pcscd vsmartcard-vpcd libpcsclite-dev cups printer-driver-cups-pdf postgresql"

# The suites that run a second time on PostgreSQL (step 4b): everything that stores through the repositories.
PG_SUITES="tests/contract tests/db/ tests/reports tests/slips tests/worklists tests/property"
# ...less the files that are about the SQLite file itself, which would only run their SQLite cases a second time:
# tests/db/migrations.test.ts steps old SQLite files one migration at a time through sqlite_master, WAL/STRICT
# pragmas and the 50 -> 60 ledger rebuild of an attached file. PostgreSQL's migrations run whole in every
# PostgreSQL fixture (the migrated template) and in tests/db-copy/db-commands.test.ts (`db migrate` of a bare server).
PG_EXCLUDE="--exclude tests/db/migrations.test.ts"

set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

passed=0
failed=0
done_summary=0

summary() {
  done_summary=1
  echo "${passed} passed, ${failed} failed"
}

# If anything exits early (set -u, a signal, ...), still close with the count line.
on_exit() {
  local rc=$?
  if [ "$done_summary" = 0 ]; then
    if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
    summary
  fi
  exit "$rc"
}
trap on_exit EXIT

step() { printf '\n==> %s\n' "$*"; }

# ---------------------------------------------------------------------------
# 1. Prerequisites
is_installed() {
  if command -v dpkg-query >/dev/null 2>&1; then
    [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]
  else
    # Not Debian: best effort, a command of the same name.
    command -v "$1" >/dev/null 2>&1
  fi
}

check_prerequisites() {
  local missing=() pkg
  for pkg in $APT_PACKAGES; do
    is_installed "$pkg" || missing+=("$pkg")
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    echo "all present: $APT_PACKAGES"
    return 0
  fi

  if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    if apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
      return 0
    fi
    echo "apt-get failed to install: ${missing[*]}" >&2
    return 1
  fi

  echo "missing system packages: ${missing[*]}" >&2
  echo "install them (Debian/Ubuntu: sudo apt-get install --no-install-recommends ${missing[*]})" >&2
  echo "or set HALLDESK_SKIP_PREREQS=1 if they are provided another way" >&2
  return 1
}

step "prerequisites"
if [ "${HALLDESK_SKIP_PREREQS:-0}" = 1 ]; then
  echo "skipped (HALLDESK_SKIP_PREREQS=1)"
elif ! check_prerequisites; then
  failed=$((failed + 1))
  # Tests that need these tools would fail in confusing ways: stop here.
  exit 1
fi

# The PC/SC binding `smartcard` is an optionalDependency: on a fresh machine `npm ci` ran before step 1
# installed libpcsclite-dev, its build failed and npm left it out. Build it now (npm install adds what the
# lockfile lists and node_modules lacks; --no-save writes neither package.json nor the lockfile).
ensure_pcsc_binding() {
  if node -e 'require("smartcard")' >/dev/null 2>&1; then return 0; fi
  echo "building the PC/SC binding (smartcard) against libpcsclite-dev"
  npm install --no-save --no-audit --no-fund >/dev/null && node -e 'require("smartcard")'
}

if [ "${HALLDESK_SKIP_PREREQS:-0}" != 1 ]; then
  step "PC/SC binding"
  if ensure_pcsc_binding; then
    echo "smartcard loads"
  else
    echo "the PC/SC binding (smartcard) does not build or load; the card tests will fail" >&2
    failed=$((failed + 1))
  fi
fi

# The tests' PostgreSQL: a private cluster on loopback (.ci/postgres.sh). Started here so that every
# PostgreSQL test finds it; a test that needs it and cannot reach it fails (it never skips).
step "PostgreSQL test cluster"
if pg_url=$(bash .ci/postgres.sh); then
  export HALLDESK_TEST_PG_URL="$pg_url"
  echo "running at ${HALLDESK_TEST_PG_URL}"
else
  echo "the PostgreSQL test cluster did not start (see ${HALLDESK_PG_DIR:-/tmp/halldesk-pg}/server.log); the PostgreSQL tests will fail" >&2
  failed=$((failed + 1))
fi

# ---------------------------------------------------------------------------
# 2. Typecheck
step "typecheck: tsc --noEmit -p tsconfig.json"
if npx --no-install tsc --noEmit -p tsconfig.json; then
  echo "typecheck ok"
else
  echo "typecheck FAILED" >&2
  failed=$((failed + 1))
fi

# ---------------------------------------------------------------------------
# 3. Lint
step "lint: eslint ."
if npx --no-install eslint .; then
  echo "lint ok"
else
  echo "lint FAILED" >&2
  failed=$((failed + 1))
fi

# ---------------------------------------------------------------------------
# 4. Tests
# Runs vitest with a JSON report in $1 (remaining arguments: vitest's) and adds its counts to the totals.
run_vitest() {
  local report="$1" rc counts t_passed t_failed t_total t_failed_suites extra
  shift
  rm -f "$report"
  npx --no-install vitest run --reporter=default --reporter=json --outputFile="$report" "$@"
  rc=$?
  if [ -s "$report" ] && counts=$(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const n = (x) => (Number.isInteger(x) ? x : 0);
    console.log([n(r.numPassedTests), n(r.numFailedTests), n(r.numTotalTests), n(r.numFailedTestSuites)].join(" "));
  ' "$report" 2>/dev/null); then
    read -r t_passed t_failed t_total t_failed_suites <<<"$counts"
  else
    echo "vitest wrote no readable ${report} (exit ${rc})" >&2
    t_passed=0 t_failed=0 t_total=0 t_failed_suites=0
    if [ "$rc" -eq 0 ]; then rc=1; fi
  fi
  passed=$((passed + t_passed))
  failed=$((failed + t_failed))
  # A file that fails to load, or an unhandled error, fails the run without failing a test.
  if [ "$rc" -ne 0 ] && [ "$t_failed" -eq 0 ]; then
    extra=$((t_failed_suites > 0 ? t_failed_suites : 1))
    echo "vitest exited ${rc} with no failed test: counting ${extra} failed (failed suites / errors)" >&2
    failed=$((failed + extra))
  fi
  if [ "$t_total" -eq 0 ]; then
    echo "no vitest test ran: counting 1 failed" >&2
    failed=$((failed + 1))
  fi
}

step "tests: vitest run"
run_vitest vitest.json

step "tests on PostgreSQL: HALLDESK_TEST_DATABASE=postgres vitest run ${PG_SUITES}"
# shellcheck disable=SC2086 # PG_SUITES is a list of folders, PG_EXCLUDE a list of options
HALLDESK_TEST_DATABASE=postgres run_vitest vitest-pg.json $PG_SUITES $PG_EXCLUDE

# ---------------------------------------------------------------------------
# 5. End-to-end tests (Playwright + Debian Chromium; the global setup builds the
#    renderer if it is missing or stale and starts `halldesk start --browser`).
step "e2e: playwright test"
rm -f playwright.json
chromium_bin="${HALLDESK_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ]; then
  echo "e2e FAILED: Chromium is not installed at ${chromium_bin}, and the end-to-end tests drive it." >&2
  echo "install it (Debian: apt-get install -y --no-install-recommends chromium fonts-wqy-microhei)" >&2
  echo "or point HALLDESK_CHROMIUM at a Chromium binary. The e2e tests are never skipped." >&2
  failed=$((failed + 1))
else
  e2e_start=$(date +%s)
  PLAYWRIGHT_JSON_OUTPUT_NAME=playwright.json HALLDESK_CHROMIUM="$chromium_bin" \
    npx --no-install playwright test --reporter=list,json
  e2e_rc=$?
  echo "playwright exited ${e2e_rc} after $(( $(date +%s) - e2e_start )) s"
  if [ -s playwright.json ] && e2e_counts=$(node -e '
    const r = JSON.parse(require("fs").readFileSync("playwright.json", "utf8"));
    const s = r.stats || {};
    const n = (x) => (Number.isInteger(x) ? x : 0);
    console.log([n(s.expected), n(s.unexpected), n(s.flaky), n(s.skipped), (r.errors || []).length].join(" "));
  ' 2>/dev/null); then
    read -r e_passed e_failed e_flaky e_skipped e_errors <<<"$e2e_counts"
  else
    echo "playwright wrote no readable playwright.json (exit ${e2e_rc})" >&2
    e_passed=0 e_failed=0 e_flaky=0 e_skipped=0 e_errors=1
    if [ "$e2e_rc" -eq 0 ]; then e2e_rc=1; fi
  fi
  # Flaky = failed first, passed on a retry: counted as passed, but said out loud.
  if [ "$e_flaky" -gt 0 ]; then echo "e2e: ${e_flaky} flaky test(s) passed only on a retry" >&2; fi
  if [ "$e_skipped" -gt 0 ]; then echo "e2e: ${e_skipped} test(s) skipped" >&2; fi
  passed=$((passed + e_passed + e_flaky))
  failed=$((failed + e_failed))
  # A failed global setup (no Chromium, build or server failure) fails the run without failing a test.
  if [ "$e2e_rc" -ne 0 ] && [ "$e_failed" -eq 0 ]; then
    echo "playwright exited ${e2e_rc} with no failed test (${e_errors} error(s), e.g. in the global setup): counting 1 failed" >&2
    failed=$((failed + 1))
  elif [ $((e_passed + e_failed + e_flaky)) -eq 0 ]; then
    echo "no e2e test ran: counting 1 failed" >&2
    failed=$((failed + 1))
  fi
fi

summary
[ "$failed" -eq 0 ]
