#!/usr/bin/env bash
# Runs the production image's runtime stage by hand, without Docker: compiles the server (npm run build:api),
# installs only the production dependencies (npm ci --omit=dev) in a fresh folder, starts `node` on the compiled
# server there with NODE_ENV=production on an empty data folder (small demo city), and checks what needs files
# found beside the compiled modules: /api/health (migrations ran), a login (argon2, the common-password list),
# an exact siting solve (its worker thread) and a zip unpacked (its worker thread).
#   bash scripts/check-compiled.sh            (PORT=18090 by default; KEEP=1 keeps the folder)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
port=${PORT:-18090}
password='compiled-check-Pa55'
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work"; fi
}
trap cleanup EXIT

npm run --silent build:api
mkdir -p "$work/app/dist"
cp package.json package-lock.json "$work/app/"
cp -r dist/server "$work/app/dist/server"
[ -d dist/web ] && cp -r dist/web "$work/app/dist/web"
(cd "$work/app" && npm ci --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error)
for dev in tsx vite typescript; do
  if [ -e "$work/app/node_modules/$dev" ]; then echo "$dev is installed with --omit=dev: it must be a devDependency"; exit 1; fi
done

cd "$work/app"
NODE_ENV=production GRIDWALL_DEMO_PASSWORD="$password" GRIDWALL_DATA_DIR="$work/data" GRIDWALL_SEED_SIZE=small \
  GRIDWALL_WEB_DIR="$work/app/dist/web" PORT=$port HOST=127.0.0.1 GRIDWALL_LOG=info \
  node dist/server/api/server.js >"$work/server.log" 2>&1 &
pid=$!
url="http://127.0.0.1:$port"
up=
for _ in $(seq 1 300); do
  if curl -sf "$url/api/health" >/dev/null; then up=1; break; fi
  kill -0 "$pid" 2>/dev/null || break
  sleep 1
done
fail() { cat "$work/server.log"; echo "compiled server: $*"; exit 1; }
[ -n "$up" ] || fail "did not answer /api/health"
echo "health: $(curl -sf "$url/api/health")"

login() {
  curl -sf -X POST "$url/api/auth/login" -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.parse(s).token))'
}
token=$(login planner) || fail "login refused"
[ -n "$token" ] || fail "login gave no token"
echo "login: ok"

exact=$(curl -sf -X POST "$url/api/siting/optimize" -H 'content-type: application/json' -H "authorization: Bearer $token" \
  -d '{"model":"mclp","p":2,"radius":500,"candidates":{"type":"public"},"exact":true}' |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(String(JSON.parse(s).exact?.status)))') || fail "siting optimize failed"
case "$exact" in optimal | stopped) echo "exact solve in its worker: $exact" ;; *) fail "exact solve: $exact" ;; esac

cat >"$work/app/unzip-check.mjs" <<'JS'
import { zipSync } from 'fflate';
import { unzipLimited } from './dist/server/api/http/zip.js';
const files = await unzipLimited(zipSync({ 'a.txt': new TextEncoder().encode('网格') }));
if (new TextDecoder().decode(files['a.txt']) !== '网格') throw new Error('unzipped the wrong bytes');
console.log('zip unpacked in its worker: ok');
JS
node unzip-check.mjs || fail "unzip worker"
echo "compiled server: all checks passed"
