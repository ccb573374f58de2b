#!/usr/bin/env bash
# Measures upload (ingest) and download of a large generated safetensors file through the hub, against
# `openssl dgst -sha256` of the same file and against nginx serving it, all on this machine over loopback.
# Usage: bench/hub-transfer.sh [SIZE_MIB] [RUNS]   (defaults: 2048 MiB, 3 runs; builds nothing: run
# `./mvnw -q install -DskipTests` first). Needs curl, openssl, python3 and nginx (Debian: apt-get install nginx-light).
set -euo pipefail

SIZE_MIB=${1:-2048}
RUNS=${2:-3}
HUB_PORT=18181
NGINX_PORT=18182
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/hub-app/target/quarkus-app/quarkus-run.jar"
WORK=$(mktemp -d /tmp/lorahub-bench.XXXXXX)
HUB_PID=""

cleanup() {
  [ -n "$HUB_PID" ] && kill "$HUB_PID" 2>/dev/null || true
  [ -f "$WORK/nginx/nginx.pid" ] && kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -f "$JAR" ] || { echo "missing $JAR: run ./mvnw -q install -DskipTests first" >&2; exit 2; }
command -v nginx >/dev/null || { echo "nginx is missing: apt-get install nginx-light" >&2; exit 2; }

# A safetensors file of one F16 tensor; `vary N` rewrites 8 bytes of its data so each upload stores new bytes.
python3 - "$WORK/model.safetensors" "$SIZE_MIB" <<'PY'
import json, os, struct, sys
path, mib = sys.argv[1], int(sys.argv[2])
count = mib * 1024 * 1024 // 2
header = json.dumps({"__metadata__": {"ss_output_name": "bench"},
                     "w": {"dtype": "F16", "shape": [count], "data_offsets": [0, count * 2]}}).encode()
header += b" " * (-len(header) % 8)
block = os.urandom(1 << 24)
with open(path, "wb") as out:
    out.write(struct.pack("<Q", len(header)) + header)
    for _ in range(count * 2 // len(block)):
        out.write(block)
PY
vary() { printf '%016x' "$1" | dd of="$WORK/model.safetensors" bs=1 seek=4096 conv=notrunc status=none; }

seconds() { local start=$(date +%s.%N); "$@" > /dev/null; echo "$(date +%s.%N) - $start" | bc; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
runs() { sort -n "$1" | awk '{printf "%s%.2f", (NR > 1 ? ", " : ""), $1}'; }
peak_rss_mib() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$HUB_PID/status"; }

start_hub() {
  rm -rf "$WORK/data"
  java -Dquarkus.http.port=$HUB_PORT -Dlorahub.data-dir="$WORK/data" "$@" -jar "$JAR" > "$WORK/hub.log" 2>&1 &
  HUB_PID=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HUB_PORT/api/v1/models?limit=1" > /dev/null && return; sleep 0.5; done
  echo "the hub did not start; see $WORK/hub.log" >&2; exit 1
}
stop_hub() { kill "$HUB_PID"; wait "$HUB_PID" 2>/dev/null || true; HUB_PID=""; }

# BLAKE3 runs in the background after each upload; wait for it so one run does not slow the next.
await_blake3() {
  for _ in $(seq 1 600); do
    curl -s "http://127.0.0.1:$HUB_PORT/api/v1/model-versions/$1" | grep -q BLAKE3 && return
    sleep 0.5
  done
}

upload() {
  curl -sf -o "$WORK/upload.json" -F 'metadata={"name":"bench"};type=application/json' \
    -F "file=@$WORK/model.safetensors" "http://127.0.0.1:$HUB_PORT/api/v1/models"
}

measure_uploads() {
  local label=$1; shift
  start_hub "$@"
  local idle_rss; idle_rss=$(peak_rss_mib)
  for run in $(seq 1 "$RUNS"); do
    vary "$run$RANDOM"
    sync
    # The cost of writing the same bytes to a new file once, measured beside each upload: on this virtual machine
    # the first write into fresh page-cache memory costs more than a SHA-256 pass.
    seconds dd if="$WORK/model.safetensors" of="$WORK/copy-$label-$run" bs=1M status=none >> "$WORK/copy.txt"
    sync
    seconds upload >> "$WORK/upload-$label.txt"
    await_blake3 "$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['modelVersions'][0]['id'])" "$WORK/upload.json")"
  done
  echo "$idle_rss $(peak_rss_mib)" > "$WORK/rss-$label.txt"
  LAST_VERSION=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['modelVersions'][0]['id'])" "$WORK/upload.json")
}

for run in $(seq 1 "$RUNS"); do seconds openssl dgst -sha256 "$WORK/model.safetensors" >> "$WORK/openssl.txt"; done

measure_uploads nofsync -Dlorahub.storage.fsync=false
stop_hub
measure_uploads fsync

# nginx serves the same bytes as the hub's download of the last upload.
mkdir -p "$WORK/nginx/www"
cp "$WORK/model.safetensors" "$WORK/nginx/www/model.safetensors"
# nginx's worker runs as an unprivileged user, which must be able to read the file.
chmod 755 "$WORK" "$WORK/nginx" "$WORK/nginx/www"
chmod 644 "$WORK/nginx/www/model.safetensors"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 64; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $WORK/nginx/tmp;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/nginx/www; }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
sleep 0.5
for run in $(seq 1 "$RUNS"); do
  seconds curl -sf -o /dev/null "http://127.0.0.1:$NGINX_PORT/model.safetensors" >> "$WORK/nginx.txt"
  seconds curl -sf -o /dev/null "http://127.0.0.1:$HUB_PORT/api/download/models/$LAST_VERSION" >> "$WORK/download.txt"
done
download_rss=$(peak_rss_mib)
stop_hub

openssl_s=$(median < "$WORK/openssl.txt")
copy_s=$(median < "$WORK/copy.txt")
nofsync_s=$(median < "$WORK/upload-nofsync.txt")
fsync_s=$(median < "$WORK/upload-fsync.txt")
nginx_s=$(median < "$WORK/nginx.txt")
download_s=$(median < "$WORK/download.txt")
read -r idle_nofsync peak_nofsync < "$WORK/rss-nofsync.txt"
read -r idle_fsync peak_fsync < "$WORK/rss-fsync.txt"

echo "file: $SIZE_MIB MiB, $RUNS runs each, medians; $(nproc) cores"
printf '| measurement | median seconds | ratio | all runs |\n|---|---|---|---|\n'
printf '| openssl dgst -sha256 | %.2f | 1.00 (baseline) | %s |\n' "$openssl_s" "$(runs "$WORK/openssl.txt")"
printf '| dd copy to a new file | %.2f | %.2f× openssl | %s |\n' "$copy_s" "$(echo "$copy_s / $openssl_s" | bc -l)" \
  "$(runs "$WORK/copy.txt")"
printf '| upload, fsync off | %.2f | %.2f× openssl, %.2f× dd copy | %s |\n' "$nofsync_s" \
  "$(echo "$nofsync_s / $openssl_s" | bc -l)" "$(echo "$nofsync_s / $copy_s" | bc -l)" "$(runs "$WORK/upload-nofsync.txt")"
printf '| upload, fsync on (default) | %.2f | %.2f× openssl, %.2f× dd copy | %s |\n' "$fsync_s" \
  "$(echo "$fsync_s / $openssl_s" | bc -l)" "$(echo "$fsync_s / $copy_s" | bc -l)" "$(runs "$WORK/upload-fsync.txt")"
printf '| nginx to curl | %.2f | 1.00 (baseline) | %s |\n' "$nginx_s" "$(runs "$WORK/nginx.txt")"
printf '| hub download to curl | %.2f | %.2f× nginx throughput | %s |\n' "$download_s" \
  "$(echo "$nginx_s / $download_s" | bc -l)" "$(runs "$WORK/download.txt")"
printf 'peak RSS (MiB): idle %s, after uploads %s (fsync off) / %s (fsync on), after downloads %s\n' \
  "$idle_fsync" "$peak_nofsync" "$peak_fsync" "$download_rss"
