#!/usr/bin/env bash
# Fuzzes the API against its own OpenAPI document with schemathesis, as an administrator and as
# a case worker, and the person's own page (tag my-page) as the demo's service user, on a running
# server seeded with the demo:
#
#   scripts/api-fuzz.sh http://127.0.0.1:8089
#
# Every check runs (server errors, schema conformance of answers, schema-violating requests
# accepted, schema-valid requests rejected beyond the business-rule answers named in
# scripts/api-fuzz.toml). The seed is fixed, so a run is repeatable; the examples per operation
# come from OPORA_FUZZ_EXAMPLES (default 30). It writes to the database it is pointed at: give it
# a throwaway one. Exits non-zero if either run finds a failure.
set -euo pipefail
BASE=${1:?usage: scripts/api-fuzz.sh BASE_URL}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PASSWORD=${OPORA_DEMO_PASSWORD:-opora-demo-2026}
EXAMPLES=${OPORA_FUZZ_EXAMPLES:-30}

token() {
    python3 - "$BASE" "$1" "$PASSWORD" <<'PY'
import json, sys, urllib.request
base, user, password = sys.argv[1:]
request = urllib.request.Request(base + "/api/v1/auth/token", method="POST",
    data=json.dumps({"username": user, "password": password, "name": "fuzzing"}).encode(),
    headers={"Content-Type": "application/json"})
with urllib.request.urlopen(request, timeout=10) as response:
    print(json.load(response)["token"])
PY
}

# Every token first: the fuzzing of POST /auth/token soon has this address throttled.
declare -A tokens=([admin]=$(token admin) [caseworker]=$(token caseworker) [person]=$(token person))
status=0
# Staff reach the own page's operations only as 403; the service user reaches nothing else.
declare -A only=([admin]="" [caseworker]="" [person]="--include-tag my-page")
for user in admin caseworker person; do
    echo "-- schemathesis as $user"
    # shellcheck disable=SC2086
    if ! schemathesis --config-file "$HERE/api-fuzz.toml" run "$BASE/api/v1/openapi.json" --url "$BASE/api/v1" \
            -n "$EXAMPLES" --seed 1 --checks all --workers 1 --generation-database none ${only[$user]} \
            -H "Authorization: Bearer ${tokens[$user]}"; then
        status=1
    fi
done
exit "$status"
