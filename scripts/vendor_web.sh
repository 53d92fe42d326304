#!/usr/bin/env bash
# Vendor the dashboard's browser libraries from npm into the static files the API serves (no CDN at
# run time). The versions are pinned by web/package-lock.json; `npm ci` installs exactly those.
# Run after changing web/package.json (`cd web && npm install --ignore-scripts`), then commit
# web/package*.json and src/aitrader/api/static/vendor/ together. tests/api/test_dashboard_assets.py
# checks that the vendored bundle's version is the one in the lock.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v npm >/dev/null 2>&1 || { echo "vendor_web.sh: npm not found; install Node.js (apt-get install -y npm)" >&2; exit 1; }

(cd web && npm ci --ignore-scripts --no-audit --no-fund)

pkg=web/node_modules/lightweight-charts
out=src/aitrader/api/static/vendor
mkdir -p "$out"
cp "$pkg/dist/lightweight-charts.standalone.production.js" "$out/lightweight-charts.standalone.production.js"
cp "$pkg/LICENSE" "$out/lightweight-charts.LICENSE"
echo "vendored lightweight-charts $(node -p "require('./$pkg/package.json').version") into $out"
