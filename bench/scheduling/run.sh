#!/bin/sh
# Full scheduling benchmark: Solomon against PyVRP and OR-Tools, then the home-care week and
# scaling. Arguments go to solomon.py (e.g. --peers-csv bench/scheduling/out/peers-10s-DATE.csv).
# Takes about 30 minutes with the peers, 12 without.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
python3 "$here/solomon.py" "$@"
python3 "$here/homecare.py"
