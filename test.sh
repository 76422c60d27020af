#!/usr/bin/env bash
# Runs every test suite of the repository, installing first what the tests need, and ends with
# one line "N passed, N failed" totalled over every suite. Exit status 0 only when all passed.
#   ./test.sh              everything
#   ./test.sh --filter X   passed on to every `dotnet test` (e.g. --filter "FullyQualifiedName~Budget")
set -uo pipefail
cd "$(dirname "$0")"
configuration=Release
results=TestResults

install_tools() {
  # Real Prometheus, promtool, Alertmanager and amtool for the end-to-end and rule tests; jsonnet
  # for the test that the committed alerts and dashboards are what mixin/ generates.
  if command -v prometheus >/dev/null && command -v promtool >/dev/null && command -v amtool >/dev/null \
     && { command -v prometheus-alertmanager >/dev/null || command -v alertmanager >/dev/null; } \
     && command -v jsonnet >/dev/null; then
    return
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "test.sh: prometheus/promtool/alertmanager/amtool/jsonnet missing and not root:" \
      "tests that need them are skipped, and fail under CI" >&2
    return
  fi
  echo "test.sh: installing prometheus, prometheus-alertmanager and jsonnet from Debian"
  # The tests run their own instances on free ports and touch no process they did not start, so
  # the packages must start none either: no recommends (prometheus recommends the node exporter,
  # one more service), and a policy-rc.d that denies every start for the length of the install.
  # One that already exists is the administrator's and stays as it is.
  local policy=/usr/sbin/policy-rc.d
  local ours=""
  if [[ ! -e $policy && ! -L $policy ]] \
     && printf '#!/bin/sh\n# Written by test.sh while it installs packages: start no service.\nexit 101\n' >"$policy" \
     && chmod 755 "$policy"; then
    ours=$policy
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
    trap 'exit 130' INT TERM
  fi
  apt-get update -qq >/dev/null \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
         prometheus prometheus-alertmanager jsonnet >/dev/null \
    || echo "test.sh: apt-get install failed" >&2
  if [[ -n $ours ]]; then
    rm -f "$ours"
    trap - EXIT INT TERM
  fi
}

install_tools
rm -rf "$results"
if ! dotnet build MetaAccessExporter.sln -c "$configuration" -nologo -v quiet; then
  echo "test.sh: the build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

passed=0 failed=0 status=0
for project in tests/*Tests/*.csproj; do  # TestSupport is a library, not a suite
  name=$(basename "$project" .csproj)
  echo "=== $name"
  dotnet test "$project" -c "$configuration" --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results/$name" "$@" \
    | grep -Ev '^\s*$' || status=1
  trx="$results/$name/$name.trx"
  if [[ ! -f $trx ]]; then
    echo "test.sh: $name produced no results"
    failed=$((failed + 1)); status=1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
((failed > 0)) && status=1
echo "$passed passed, $failed failed"
exit $status
