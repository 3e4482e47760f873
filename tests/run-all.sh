#!/usr/bin/env bash
# Every check, in the order that fails fastest: type check, lint, unit and integration tests,
# production build, end-to-end tests. Called by `npm test` (README) and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/setup/ensure-system-packages.sh
npm run typecheck
npm run lint
npm run test:unit
npm run build
npm run test:e2e
