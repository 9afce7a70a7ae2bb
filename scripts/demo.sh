#!/usr/bin/env bash
# The main job on the bundled sample data: installs what is missing, builds,
# and prints the PE status of every sample participant.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh >/dev/null
./build/src/cli/edurules status examples/data/dossier.json --date 2025-06-01
