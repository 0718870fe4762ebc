#!/bin/sh
# One-shot bootstrap against a running Temporal server (temporalio/admin-tools
# image, after the server is healthy):
#   1. registers the namespace (the plain temporalio/server image, unlike the
#      old auto-setup one, creates none),
#   2. registers the case service's custom search attributes.
# Idempotent: an existing namespace is left alone, and a search attribute that
# already exists with the same type is accepted. One that exists with another
# type is an error (ops' saved queries depend on the types), so it fails.
# The worker also ensures the search attributes when it starts.
set -eu

ADDRESS=${TEMPORAL_ADDRESS:-temporal:7233}
NAMESPACE=${TEMPORAL_NAMESPACE:-default}
RETENTION=${TEMPORAL_NAMESPACE_RETENTION:-30d}
MAX_ATTEMPTS=${BOOTSTRAP_MAX_ATTEMPTS:-60}
SLEEP_SECONDS=${BOOTSTRAP_SLEEP_SECONDS:-2}

# name:type pairs; names and types are part of the API contract.
SEARCH_ATTRIBUTES="CaseKind:Keyword CaseNumber:Keyword CaseStatus:Keyword CasePriority:Keyword
CaseLevel:Int CaseCustomerId:Keyword CaseAssignee:Keyword CaseBreached:Bool
CaseNextDeadline:Datetime CaseIncidentId:Keyword IncidentStatus:Keyword
IncidentSeverity:Keyword IncidentKind:Keyword IncidentBreached:Bool"

retry() {
  attempt=1
  until "$@"; do
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      echo "Giving up after $MAX_ATTEMPTS attempts: $*" >&2
      return 1
    fi
    attempt=$((attempt + 1))
    sleep "$SLEEP_SECONDS"
  done
}

echo "Waiting for the Temporal server at $ADDRESS..."
retry temporal operator cluster health --address "$ADDRESS"

ensure_namespace() {
  if temporal operator namespace describe --address "$ADDRESS" \
    --namespace "$NAMESPACE" >/dev/null 2>&1; then
    echo "Namespace '$NAMESPACE' exists"
    return 0
  fi
  temporal operator namespace create --address "$ADDRESS" \
    --namespace "$NAMESPACE" --retention "$RETENTION" \
    --description "Customer-service cases"
}
retry ensure_namespace

# Runs `temporal operator search-attribute create` for the given
# `--name N --type T` arguments and keeps its output in SA_OUT. Output saying
# an attribute already exists is success, unless it names a different type:
# then the whole script stops. Any other failure returns 1, for a retry.
create_sa() {
  if SA_OUT=$(temporal operator search-attribute create --address "$ADDRESS" \
    --namespace "$NAMESPACE" "$@" 2>&1); then
    echo "$SA_OUT"
    return 0
  fi
  echo "$SA_OUT" >&2
  case "$SA_OUT" in
    *"different type"*) exit 1 ;;
    *"already exists"*) return 0 ;;
  esac
  return 1
}

# All in one call (the CLI skips those that exist with the same type); if the
# server rejects the batch because one exists, create them one by one.
create_search_attributes() {
  set --
  for pair in $SEARCH_ATTRIBUTES; do
    set -- "$@" --name "${pair%%:*}" --type "${pair#*:}"
  done
  create_sa "$@" || return 1
  case "$SA_OUT" in
    *"already exists"*)
      for pair in $SEARCH_ATTRIBUTES; do
        create_sa --name "${pair%%:*}" --type "${pair#*:}" || return 1
      done
      ;;
  esac
}
retry create_search_attributes

# Check: each attribute is listed with its type (the list is a Name/Type
# table of the namespace's system and custom attributes). Retried, since a
# server role can serve a cached list for a short while after a change.
check_search_attributes() {
  listing=$(temporal operator search-attribute list --address "$ADDRESS" \
    --namespace "$NAMESPACE") || return 1
  missing=""
  for pair in $SEARCH_ATTRIBUTES; do
    name=${pair%%:*}
    type=${pair#*:}
    if ! echo "$listing" | awk -v n="$name" -v t="$type" '
      { sub(/^INDEXED_VALUE_TYPE_/, "", $2) }
      $1 == n && tolower($2) == tolower(t) { found = 1 }
      END { exit found ? 0 : 1 }'; then
      missing="$missing $name:$type"
    fi
  done
  if [ -n "$missing" ]; then
    echo "Search attributes not (yet) registered as expected:$missing" >&2
    return 1
  fi
}
if ! retry check_search_attributes; then
  echo "$listing" >&2
  exit 1
fi

echo "Namespace '$NAMESPACE' and the case search attributes are ready"
