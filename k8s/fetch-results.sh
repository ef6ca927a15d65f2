#!/usr/bin/env bash
# Copies an experiment's results out of its namespace once the coordinator Job has finished:
#   k8s/fetch-results.sh [NAMESPACE [DEST]]      (defaults: contigsim, results/k8s-NAMESPACE)
# DEST then holds the Job's results directory, contigsim-coordinator/ (results.json, report.html, ... as for
# `contigsim run`). Needs kubectl with access to the namespace.
set -euo pipefail
ns="${1:-contigsim}"
dest="${2:-results/k8s-$ns}"
here="$(cd "$(dirname "$0")" && pwd)"

kubectl -n "$ns" wait --for=condition=complete --timeout=24h job/contigsim-coordinator
kubectl -n "$ns" delete pod contigsim-results --ignore-not-found --wait=true >/dev/null
kubectl -n "$ns" apply -f "$here/results-reader.yaml" >/dev/null
trap 'kubectl -n "$ns" delete pod contigsim-results --ignore-not-found --wait=false >/dev/null' EXIT
kubectl -n "$ns" wait --for=condition=Ready --timeout=5m pod/contigsim-results
mkdir -p "$dest"
# tar through exec rather than kubectl cp, which needs tar on the pod too and handles links worse
kubectl -n "$ns" exec contigsim-results -- tar -C /results -cf - . | tar -C "$dest" -xf -
echo "results in $dest:" >&2
ls "$dest" >&2
