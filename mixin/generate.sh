#!/usr/bin/env bash
# Writes what the repository ships from the monitoring mixin: alerts/metaaccess.rules.yml,
# alerts/metaaccess.recording.yml and dashboards/*.json (mixin/files.jsonnet lists them), then
# deploy/kubernetes/prometheusrule.yaml from alerts/ (scripts/generate-prometheusrule.sh).
#
#   mixin/generate.sh          # rewrite the files in the repository
#   mixin/generate.sh DIR      # write the mixin's files under DIR instead (DIR/alerts, DIR/dashboards)
#
# Needs Debian's jsonnet (apt-get install jsonnet); no jsonnet libraries. A test
# (tests/MetaAccessExporter.EndToEndTests/Mixin) fails when the committed files differ from the output.
set -euo pipefail

mixin_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(dirname "$mixin_dir")"
out="${1:-$repo_root}"

if ! command -v jsonnet >/dev/null; then
  echo "generate.sh: jsonnet is not on PATH: install the Debian package jsonnet" >&2
  exit 1
fi

mkdir -p "$out/alerts" "$out/dashboards"
jsonnet -S -m "$out" "$mixin_dir/files.jsonnet" >/dev/null

if [[ $# -eq 0 ]]; then
  "$repo_root/scripts/generate-prometheusrule.sh"
fi
