#!/usr/bin/env bash
# The spreadsheet recipes of integrations/, proven against the real service (`npm run test:e2e`):
#   1. starts the Worker with `wrangler dev` on E2E_PORT (default 8791) and waits for /health;
#   2. runs integrations/google-sheets/Code.gs under an Apps Script stand-in (apps-script.test.mjs);
#   3. drives headless LibreOffice Calc through python3-uno (libreoffice.py): WEBSERVICE formulas from
#      the READMEs, and the CSV endpoint opened as a sheet;
#   4. stops the server, prints "e2e: N passed, M failed" and writes the counts to e2e-results.json.
# Needs Debian's libreoffice-calc-nogui, python3-uno and curl (.ci/run installs them).
set -uo pipefail
cd "$(dirname "$0")/../.."
export WRANGLER_SEND_METRICS=false

PORT="${E2E_PORT:-8791}"
BASE="http://127.0.0.1:${PORT}"
LOG="$(mktemp -t e2e-wrangler.XXXXXX.log)"
OUT="$(mktemp -t e2e-output.XXXXXX)"
PYTHON=/usr/bin/python3 # Debian's python3-uno only loads into the system Python, not pyenv's

finish() {
  local passed failed
  passed=$(grep -c '^ok ' "$OUT")
  failed=$(grep -c '^not ok ' "$OUT")
  [ "${1:-0}" -ne 0 ] && failed=$((failed + 1)) # a step that died without reporting counts as a failure
  printf '{"passed":%d,"failed":%d}\n' "$passed" "$failed" >e2e-results.json
  echo "e2e: ${passed} passed, ${failed} failed"
  rm -f "$OUT"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
}

stop_server() {
  if [ -n "${SERVER_PID:-}" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    # wrangler runs workerd as a child: end the whole process group that setsid gave it.
    kill -TERM -- "-$SERVER_PID" 2>/dev/null
    for _ in $(seq 1 20); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.25; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null
  fi
  rm -f "$LOG"
}
trap stop_server EXIT

for tool in curl node "$PYTHON" soffice; do
  command -v "$tool" >/dev/null || { echo "e2e needs $tool (apt-get install libreoffice-calc-nogui python3-uno curl)"; echo "not ok - $tool is installed" >"$OUT"; finish 1; exit 1; }
done
"$PYTHON" -c 'import uno' 2>/dev/null || { echo "not ok - python3-uno is importable by $PYTHON" >"$OUT"; finish 1; exit 1; }

if curl -sf "${BASE}/health" >/dev/null 2>&1; then
  echo "something already answers on ${BASE}; set E2E_PORT to a free port"
  echo "not ok - port ${PORT} is free" >"$OUT"; finish 1; exit 1
fi

echo "== starting wrangler dev on ${BASE}"
setsid npx wrangler dev --ip 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "${BASE}/health" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.5
done
if ! curl -sf "${BASE}/health" >/dev/null 2>&1; then
  echo "wrangler dev did not answer /health within 60 s:"; tail -40 "$LOG"
  echo "not ok - the service starts" >"$OUT"; finish 1; exit 1
fi
echo "ok - the service starts and answers /health" >"$OUT"

status=0
echo "== Google Sheets: Code.gs under an Apps Script stand-in"
node test/e2e/apps-script.test.mjs "$BASE" | tee -a "$OUT"
[ "${PIPESTATUS[0]}" -le 1 ] || status=1 # 1 = some checks failed (counted); more = it crashed

echo "== LibreOffice Calc (headless, python3-uno)"
timeout 600 "$PYTHON" test/e2e/libreoffice.py "$BASE" | tee -a "$OUT"
[ "${PIPESTATUS[0]}" -le 1 ] || status=1

finish "$status"
