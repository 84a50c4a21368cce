#!/usr/bin/env bash
# Runs the W3C SPARQL 1.1 Protocol, Graph Store Protocol and Service
# Description test suites (copied under tests/w3c/sparql/sparql11/) against a
# live endpoint, with the npm package rdf-test-suite.
#
# usage: tests/w3c/run-suites.sh ENDPOINT_BASE      e.g. http://127.0.0.1:7878
#
#   protocol            -> $ENDPOINT_BASE/sparql   (queries AND updates)
#   graph-store         -> $ENDPOINT_BASE/store
#   service-description -> $ENDPOINT_BASE/sparql
#
# Optional environment (for trying other servers):
#   W3C_PROTOCOL_URL, W3C_GRAPH_STORE_URL, W3C_SERVICE_DESCRIPTION_URL  override the URLs above
#   W3C_RUNNER_DIR      where the runner is installed and the logs go (default: target/w3c-runner)
#   W3C_TEST_TIMEOUT_MS time allowed for one test (default 10000)
#   W3C_SUITE_TIMEOUT_S time allowed for one suite (default 300)
#
# Prints one "suite NAME: P passed, F failed" line per suite and ends with
# "W3C: N passed, M failed". Exits non-zero if any test failed, was
# skipped, or did not run (expected: protocol 34, graph-store 13,
# service-description 3). The full runner output is kept in
# $W3C_RUNNER_DIR/NAME.log. See tests/w3c/NOTES.md.
set -euo pipefail

if [ $# -ne 1 ] || [ -z "$1" ]; then
    echo "usage: $0 ENDPOINT_BASE   (e.g. http://127.0.0.1:7878)" >&2
    exit 2
fi
ENDPOINT_BASE=${1%/}

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
RUNNER_DIR=${W3C_RUNNER_DIR:-$REPO/target/w3c-runner}
TEST_TIMEOUT_MS=${W3C_TEST_TIMEOUT_MS:-10000}
SUITE_TIMEOUT_S=${W3C_SUITE_TIMEOUT_S:-300}
PROTOCOL_URL=${W3C_PROTOCOL_URL:-$ENDPOINT_BASE/sparql}
GRAPH_STORE_URL=${W3C_GRAPH_STORE_URL:-$ENDPOINT_BASE/store}
SERVICE_DESCRIPTION_URL=${W3C_SERVICE_DESCRIPTION_URL:-$ENDPOINT_BASE/sparql}

RUNNER_VERSION=2.8.0
N3_VERSION=2.7.12 # later n3 releases fail to parse the graph-store manifest

for tool in node npm timeout; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "run-suites.sh: '$tool' is required but not installed" >&2
        exit 2
    fi
done

# --- install the runner once -------------------------------------------------
installed_version() { # package -> version or empty
    node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch (e) {}' \
        "$RUNNER_DIR/node_modules/$1/package.json"
}
mkdir -p "$RUNNER_DIR"
if [ "$(installed_version rdf-test-suite)" != "$RUNNER_VERSION" ] ||
    [ "$(installed_version n3)" != "$N3_VERSION" ]; then
    echo "installing rdf-test-suite@$RUNNER_VERSION and n3@$N3_VERSION into $RUNNER_DIR"
    (cd "$RUNNER_DIR" && npm install --no-audit --no-fund --save-exact \
        "rdf-test-suite@$RUNNER_VERSION" "n3@$N3_VERSION") >"$RUNNER_DIR/npm-install.log" 2>&1 || {
        cat "$RUNNER_DIR/npm-install.log" >&2
        echo "run-suites.sh: npm install failed" >&2
        exit 2
    }
fi
# The runner wants a query engine module; the HTTP suites never call it.
cat >"$RUNNER_DIR/engine.js" <<'EOF'
module.exports = {
  parse: async () => { throw new Error('unused: the HTTP suites talk to a live endpoint'); },
  query: async () => { throw new Error('unused: the HTTP suites talk to a live endpoint'); },
};
EOF

# --- run the suites -------------------------------------------------------------
BASE_IRI=http://w3c.github.io/rdf-tests/sparql/sparql11/
MAPPING="$BASE_IRI~$HERE/sparql/sparql11/"

TOTAL_PASSED=0
TOTAL_FAILED=0
FAILED_SUITES=()

# run_suite NAME MANIFEST_DIR EXPECTED_COUNT ENGINE_OPTIONS_JSON
run_suite() {
    local name=$1 dir=$2 expected=$3 options=$4
    local log="$RUNNER_DIR/$name.log" rc=0
    local -a cmd=(node node_modules/rdf-test-suite/bin/Runner.js engine.js
        "$BASE_IRI$dir/manifest.ttl" -m "$MAPPING" -e -d "$TEST_TIMEOUT_MS" -i "$options")
    # -e: the runner exits 0 even when tests fail, so a non-zero code here
    # means it crashed (e.g. a manifest that did not parse) or timed out.
    (cd "$RUNNER_DIR" && timeout "$SUITE_TIMEOUT_S" "${cmd[@]}") >"$log.stdout" 2>"$log.stderr" || rc=$?
    {
        echo "# $(date -u +%Y-%m-%dT%H:%M:%SZ) suite $name, exit code $rc: ${cmd[*]}"
        cat "$log.stdout"
        if [ -s "$log.stderr" ]; then
            echo "# stderr:"
            cat "$log.stderr"
        fi
    } >"$log"

    # The runner prints one line per test, "<symbol> NAME (TEST-IRI)[ DURATION]",
    # with symbol ✔ (√) passed, ✖ (×) failed, ℹ (i) skipped; then a blank line,
    # then one block per failed test, and last "<symbol> K / T tests succeeded!"
    # where K counts skipped tests as succeeded. ANSI colour codes are always
    # present. Only the lines before the first blank line are counted.
    local plain
    plain=$(sed -e 's/\x1b\[[0-9;]*m//g' "$log.stdout")
    rm -f "$log.stdout" "$log.stderr"
    local results
    results=$(printf '%s\n' "$plain" | awk 'NF == 0 { exit } { print }' |
        grep -E '^(✔|√|✖|×|ℹ|i) .* \(https?://[^ ]*\)( [0-9.]+ms)?$' || true)
    local passed failed skipped ran
    passed=$(printf '%s\n' "$results" | grep -cE '^(✔|√) ' || true)
    failed=$(printf '%s\n' "$results" | grep -cE '^(✖|×) ' || true)
    skipped=$(printf '%s\n' "$results" | grep -cE '^(ℹ|i) ' || true)
    ran=$((passed + failed + skipped))
    local bad=$(((ran > expected ? ran : expected) - passed))

    echo "suite $name: $passed passed, $bad failed"
    TOTAL_PASSED=$((TOTAL_PASSED + passed))
    TOTAL_FAILED=$((TOTAL_FAILED + bad))
    if [ "$bad" -eq 0 ] && [ "$rc" -eq 0 ]; then
        return 0
    fi
    FAILED_SUITES+=("$name")
    {
        echo "---- suite $name: details (full output: $log)"
        if [ "$rc" -ne 0 ]; then
            echo "runner exited with code $rc$([ "$rc" -eq 124 ] && echo " (suite timed out after ${SUITE_TIMEOUT_S}s)")"
        fi
        if [ "$ran" -ne "$expected" ]; then
            echo "expected $expected tests, the runner reported $ran"
        fi
        if [ "$skipped" -gt 0 ]; then
            echo "skipped tests (counted as failed):"
            printf '%s\n' "$results" | grep -E '^(ℹ|i) ' || true
        fi
        if [ "$failed" -gt 0 ]; then
            echo "failed tests:"
            printf '%s\n' "$results" | grep -E '^(✖|×) ' || true
            echo
            echo "messages:"
            # the blocks between the per-test lines and the closing count line
            printf '%s\n' "$plain" | awk 'started && !/^(✔|√|✖|×) [0-9]+ \/ [0-9]+ tests succeeded/ { print } NF == 0 { started = 1 }'
        fi
        if [ "$ran" -eq 0 ]; then
            echo "runner output:"
            sed -e 's/\x1b\[[0-9;]*m//g' "$log" | tail -n 40
        fi
        echo "---- end of suite $name"
    } >&2
    return 0
}

run_suite protocol protocol 34 "{\"protocolEndpoint\":\"$PROTOCOL_URL\"}"
run_suite graph-store graph-store-protocol 13 "{\"graphStoreEndpoint\":\"$GRAPH_STORE_URL\"}"
run_suite service-description service-description 3 "{\"serviceDescriptionEndpoint\":\"$SERVICE_DESCRIPTION_URL\"}"

echo "W3C: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
if [ "$TOTAL_FAILED" -ne 0 ] || [ "${#FAILED_SUITES[@]}" -ne 0 ]; then
    exit 1
fi
