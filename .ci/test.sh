#!/usr/bin/env bash
# HallDesk's test command: `npm test` runs this file.
#
#   1. system prerequisites (Debian packages the tests use)
#   2. tsc --noEmit        (typecheck)
#   3. eslint .            (lint + architecture boundaries)
#   4. vitest run          (unit and integration tests, JSON report in vitest.json)
#
# All steps run even when an earlier one fails, so one run shows every problem.
# The last line printed is always `N passed, N failed` (a failed typecheck, lint or
# prerequisite step counts as 1 failed each). Exit status is non-zero if anything
# failed or if no test ran.
#
# Env: HALLDESK_SKIP_PREREQS=1 skips step 1 (for machines without dpkg where you
#      know the tools are there).

# Debian packages the tests need. Adding one is adding one word.
APT_PACKAGES="sqlite3 poppler-utils zbar-tools chromium fonts-wqy-microhei"

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
step "tests: vitest run"
rm -f vitest.json
npx --no-install vitest run --reporter=default --reporter=json --outputFile=vitest.json
vitest_rc=$?

if [ -s vitest.json ] && counts=$(node -e '
  const r = JSON.parse(require("fs").readFileSync("vitest.json", "utf8"));
  const n = (x) => (Number.isInteger(x) ? x : 0);
  console.log([n(r.numPassedTests), n(r.numFailedTests), n(r.numTotalTests), n(r.numFailedTestSuites)].join(" "));
' 2>/dev/null); then
  read -r t_passed t_failed t_total t_failed_suites <<<"$counts"
else
  echo "vitest wrote no readable vitest.json (exit ${vitest_rc})" >&2
  t_passed=0 t_failed=0 t_total=0 t_failed_suites=0
  if [ "$vitest_rc" -eq 0 ]; then vitest_rc=1; fi
fi

passed=$((passed + t_passed))
failed=$((failed + t_failed))
# A file that fails to load, or an unhandled error, fails the run without failing a test.
if [ "$vitest_rc" -ne 0 ] && [ "$t_failed" -eq 0 ]; then
  extra=$((t_failed_suites > 0 ? t_failed_suites : 1))
  echo "vitest exited ${vitest_rc} with no failed test: counting ${extra} failed (failed suites / errors)" >&2
  failed=$((failed + extra))
fi

if [ "$t_total" -eq 0 ]; then
  echo "no test ran" >&2
  summary
  exit 1
fi

summary
[ "$failed" -eq 0 ]
