#!/usr/bin/env bash
# The project's one test command, for a newcomer and for CI (.ci/run):
#
#   ./scripts/test-all.sh
#
# On a fresh Debian machine with only the Rust toolchain, Node (>= 20) and apt it installs what
# is missing (Debian's chromium, a font and poppler-utils for the browser tests, the wdanish/wswedish/wnorwegian/wamerican/wbritish
# word lists for the stemmer parity test, the npm packages from package-lock.json), then runs:
#   1. cargo fmt --check
#   2. cargo clippy on the whole workspace, warnings are errors
#   3. cargo test on the whole workspace, word lists required (search parity, stemmer parity)
#   4. builds the bundled site for http://127.0.0.1:PORT/frivillig/ (a sub-path)
#   5. the browser tests in tests/browser/ (headless Chromium, served with a strict CSP)
#   6. the same gate (every page, screenshots) on examples/kommune, a municipality's layered site
# Every step runs even when an earlier independent one failed; the summary at the end lists
# what failed and the script exits non-zero. Nothing is skipped because a tool is missing:
# what cannot be installed stops the run with a message.
#
# Environment (all optional):
#   SAMSPIL_SITE_ROOT   build this site source folder instead of the bundled one (development)
#   SAMSPIL_ARTIFACTS_SUBDIR  a folder in tests/artifacts/ for a second site's reports (kommune)
#   SAMSPIL_BROWSER_WORKERS  pages checked in parallel by the crawling browser tests (default 3)
#   CHROMIUM_PATH       a Chromium other than /usr/bin/chromium
#   SAMSPIL_STEP_TIMEOUT  seconds before a hung step is stopped and failed (default 1800)
# Screenshots and the axe report land in tests/artifacts/ (gitignored).

set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$(pwd)

START=$(date +%s)
if [ -t 1 ]; then
  BOLD=$'\033[1m' RED=$'\033[1;31m' GREEN=$'\033[1;32m' RESET=$'\033[0m'
else
  BOLD='' RED='' GREEN='' RESET=''
fi
declare -a SUMMARY=()
declare -a FAILED=()
STEP_START=0
STEP_NAME=""

section() {
  STEP_NAME=$1
  STEP_START=$(date +%s)
  printf '\n%s==== %s ====%s\n' "$BOLD" "$1" "$RESET"
}

# Records the step that just ran: step_done <exit status>
step_done() {
  local status=$1 took=$(($(date +%s) - STEP_START))
  if [ "$status" -eq 0 ]; then
    SUMMARY+=("$(printf 'ok    %4ds  %s' "$took" "$STEP_NAME")")
  else
    SUMMARY+=("$(printf 'FAIL  %4ds  %s' "$took" "$STEP_NAME")")
    FAILED+=("$STEP_NAME")
  fi
}

# A step that hangs (a browser that never answers, a full disk) fails after this many seconds
# instead of holding CI until its own limit; the slowest step takes about 6 minutes on 2 cores.
STEP_TIMEOUT=${SAMSPIL_STEP_TIMEOUT:-1800}

# Runs one independent step; a failure is recorded and the script goes on.
run_step() {
  local name=$1
  shift
  section "$name"
  local status=0
  timeout -k 30 "$STEP_TIMEOUT" "$@" || status=$?
  [ "$status" -eq 124 ] && echo "${RED}timed out after ${STEP_TIMEOUT}s${RESET}"
  step_done "$status"
  return 0
}

die() {
  printf '\n%stest-all: %s%s\n' "$RED" "$*" "$RESET" >&2
  exit 1
}

print_summary() {
  local total=$(($(date +%s) - START))
  printf '\n%s==== summary (%dm%02ds) ====%s\n' "$BOLD" $((total / 60)) $((total % 60)) "$RESET"
  local line
  for line in "${SUMMARY[@]}"; do echo "$line"; done
}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/samspil-test-all.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

# ---------------------------------------------------------------- tools we cannot install
section "tools"
for tool in cargo rustc node npm; do
  command -v "$tool" >/dev/null || die "\`$tool\` is not on PATH; install the Rust toolchain (rustup) and Node.js >= 20 first"
done
NODE_MAJOR=$(node -p 'process.versions.node.split(".")[0]')
[ "$NODE_MAJOR" -ge 20 ] || die "Node.js >= 20 is needed (found $(node --version))"
echo "cargo $(cargo --version | cut -d' ' -f2), node $(node --version), npm $(npm --version)"
step_done 0

# ---------------------------------------------------------------- Debian packages
section "Debian packages (chromium, fonts, word lists, poppler-utils)"
CHROMIUM_PATH=${CHROMIUM_PATH:-/usr/bin/chromium}
export CHROMIUM_PATH
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
NEED=()
if [ ! -x "$CHROMIUM_PATH" ]; then
  [ "$CHROMIUM_PATH" = /usr/bin/chromium ] || die "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable"
  NEED+=(chromium)
fi
# A font with Danish, Swedish and Norwegian letters, so screenshots show text (not boxes).
installed fonts-dejavu-core || NEED+=(fonts-dejavu-core)
# Word lists: /usr/share/dict/danish, swedish, bokmaal, nynorsk, american-english and british-english.
[ -f /usr/share/dict/danish ] || NEED+=(wdanish)
[ -f /usr/share/dict/swedish ] || NEED+=(wswedish)
{ [ -f /usr/share/dict/bokmaal ] && [ -f /usr/share/dict/nynorsk ]; } || NEED+=(wnorwegian)
[ -f /usr/share/dict/american-english ] || NEED+=(wamerican)
[ -f /usr/share/dict/british-english ] || NEED+=(wbritish)
# Java for the Nu HTML Checker (vnu.jar from npm), which proves every page is valid HTML5.
command -v java >/dev/null || NEED+=(default-jre-headless)
# pdftotext reads back Chromium's print-to-PDF of a role handout (tests/browser/handout.test.mjs).
command -v pdftotext >/dev/null || NEED+=(poppler-utils)
if [ ${#NEED[@]} -gt 0 ]; then
  command -v apt-get >/dev/null || die "missing ${NEED[*]} and there is no apt-get: install them by hand"
  SUDO=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing ${NEED[*]}: run as root or install sudo (apt-get install ${NEED[*]})"
    SUDO=(sudo)
  fi
  echo "installing: ${NEED[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
    die "apt-get update failed; cannot install ${NEED[*]}"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${NEED[@]}" ||
    die "apt-get install ${NEED[*]} failed"
fi
[ -x "$CHROMIUM_PATH" ] || die "Chromium is still missing at $CHROMIUM_PATH after installing"
command -v java >/dev/null || die "java is still missing after installing default-jre-headless"
command -v pdftotext >/dev/null || die "pdftotext is still missing after installing poppler-utils"
for f in danish swedish bokmaal nynorsk; do
  [ -f "/usr/share/dict/$f" ] || die "word list /usr/share/dict/$f is still missing after installing"
done
"$CHROMIUM_PATH" --version 2>/dev/null | head -n1 || die "$CHROMIUM_PATH does not run"
step_done 0

# ---------------------------------------------------------------- npm packages
section "npm packages (playwright-core, axe-core, vnu-jar)"
LOCK_HASH=$(sha256sum package-lock.json package.json | sha256sum | cut -d' ' -f1)
STAMP=node_modules/.samspil-lock-hash
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$LOCK_HASH" ]; then
  echo "node_modules missing or older than package-lock.json: npm ci"
  npm ci --no-audit --no-fund || die "npm ci failed"
  echo "$LOCK_HASH" >"$STAMP"
else
  echo "node_modules is up to date with package-lock.json"
fi
node -e 'require.resolve("playwright-core"); require.resolve("axe-core/axe.min.js"); require.resolve("vnu-jar")' ||
  die "playwright-core, axe-core or vnu-jar is not installed in node_modules"
step_done 0

# ---------------------------------------------------------------- Rust
run_step "cargo fmt --check" cargo fmt --all -- --check
run_step "cargo clippy (warnings are errors)" cargo clippy --workspace --all-targets -- -D warnings
# `cargo test` builds the debug samspil binary for the integration tests; the site below is
# built with that same binary, so the run compiles one profile only. A release build would add
# about five minutes on 2 cores, for the same output (the build is deterministic).
run_step "cargo test (word lists required)" env SAMSPIL_REQUIRE_WORDLISTS=1 cargo test --workspace
TESTS_OK=1
[[ " ${FAILED[*]} " == *"cargo test"* ]] && TESTS_OK=0

# ---------------------------------------------------------------- the site
section "build the bundled site under a sub-path"
SITE_OK=0
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
SITE_URL="http://127.0.0.1:${PORT}/frivillig/"
SITE_DIR="$TMP/frivillig"
SITE_ROOT=${SAMSPIL_SITE_ROOT:-$REPO}
# Exported: browser tests that build sites of their own run this binary, never `cargo run`.
export SAMSPIL_BIN="${CARGO_TARGET_DIR:-$REPO/target}/debug/samspil"
# If cargo test failed, its binary may be missing or stale: build it (this fails loudly if the
# code does not compile).
if { [ "$TESTS_OK" -eq 1 ] && [ -x "$SAMSPIL_BIN" ]; } || cargo build --bin samspil; then
  BIN_OK=1
else
  BIN_OK=0
fi
if [ "$BIN_OK" -eq 1 ] &&
  "$SAMSPIL_BIN" --root "$SITE_ROOT" build --base-url "$SITE_URL" --output "$SITE_DIR"; then
  SITE_OK=1
  echo "built $SITE_ROOT for $SITE_URL into $SITE_DIR"
  step_done 0
else
  step_done 1
fi

# ---------------------------------------------------------------- valid HTML5
if [ "$SITE_OK" -eq 1 ]; then
  VNU_JAR=$(node -e 'process.stdout.write(String(require("vnu-jar")))')
  run_step "HTML5 validation of every page (Nu HTML Checker)" \
    java -Xss4m -jar "$VNU_JAR" --errors-only --skip-non-html "$SITE_DIR"
else
  section "HTML5 validation"
  echo "not run: the site did not build (see above)"
  step_done 1
fi

# ---------------------------------------------------------------- the browser
if [ "$SITE_OK" -eq 1 ]; then
  run_step "browser tests (headless Chromium, CSP default-src 'self', ${SITE_URL})" \
    env -u SAMSPIL_EXTERNAL_SERVER SAMSPIL_SITE_DIR="$SITE_DIR" SAMSPIL_SITE_URL="$SITE_URL" \
    node --test --test-concurrency=1 --test-reporter=spec tests/browser/
else
  section "browser tests"
  echo "not run: the site did not build (see above)"
  step_done 1
fi
# ---------------------------------------------------------------- a municipality's layered site
# examples/kommune extends the bundled knowledge base (issue #12): the same gate — axe, CSP,
# third-party requests, reflow, links — on every page, and its screenshots beside the others.
if [ "$BIN_OK" -eq 1 ]; then
  KOMMUNE_DIR="$TMP/kommune"
  KOMMUNE_URL="http://127.0.0.1:${PORT}/frivillig/"
  if "$SAMSPIL_BIN" --root "$REPO/examples/kommune" build --base-url "$KOMMUNE_URL" --output "$KOMMUNE_DIR"; then
    run_step "browser gate on examples/kommune (every page; screenshots in tests/artifacts/kommune/)" \
      env -u SAMSPIL_EXTERNAL_SERVER SAMSPIL_SITE_DIR="$KOMMUNE_DIR" SAMSPIL_SITE_URL="$KOMMUNE_URL" \
      SAMSPIL_ARTIFACTS_SUBDIR=kommune \
      node --test --test-concurrency=1 --test-reporter=spec tests/browser/pages.test.mjs tests/browser/screenshots.test.mjs
  else
    section "examples/kommune"
    echo "examples/kommune did not build (see above)"
    step_done 1
  fi
fi
echo "screenshots and the axe report: tests/artifacts/ (and tests/artifacts/kommune/)"

print_summary
if [ ${#FAILED[@]} -gt 0 ]; then
  local_list=$(printf '%s; ' "${FAILED[@]}")
  printf '\n%sFAILED: %s%s\n' "$RED" "${local_list%; }" "$RESET"
  exit 1
fi
printf '\n%sall checks passed%s\n' "$GREEN" "$RESET"
