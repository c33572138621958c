#!/usr/bin/env bash
# One throw-away Elasticsearch node for tests and benchmarks (contract: elasticsearch.md §1).
#
#   scripts/elasticsearch.sh start    fetch (cached), unpack, start one node on 127.0.0.1, wait for health,
#                                     print its URL (also written to $ES_STATE_DIR/url)
#   scripts/elasticsearch.sh stop     stop the node started by `start` and delete its data
#   scripts/elasticsearch.sh status   print the URL and cluster health, exit 1 when not running
#
# Environment:
#   ES_VERSION        test distribution version (default 8.19.21; Maven Central has no 9.x, see README)
#   ES_JAVA_HOME      JDK >= 17 (default: JAVA_HOME, else the first JDK >= 17 from update-alternatives)
#   ES_HTTP_PORT      HTTP port (default: 9200 when free, else a free port chosen by the OS)
#   ES_HEAP           heap size for -Xms/-Xmx (default 512m)
#   ES_CACHE_DIR      download and unpack cache, reused between runs (default .cache/elasticsearch)
#   ES_STATE_DIR      where url, pid and the run directory are recorded (default $ES_CACHE_DIR/state)
#   ES_START_TIMEOUT  seconds to wait for yellow health (default 120)
#   ES_USER           non-root user the node runs as when we are root (default jobgraph-es, created if missing)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ES_VERSION=${ES_VERSION:-8.19.21}
ES_CACHE_DIR=${ES_CACHE_DIR:-$ROOT/.cache/elasticsearch}
ES_STATE_DIR=${ES_STATE_DIR:-$ES_CACHE_DIR/state}
ES_HEAP=${ES_HEAP:-512m}
ES_START_TIMEOUT=${ES_START_TIMEOUT:-120}
ES_USER=${ES_USER:-jobgraph-es}
ES_HOME="$ES_CACHE_DIR/elasticsearch-$ES_VERSION"
ZIP="$ES_CACHE_DIR/elasticsearch-$ES_VERSION.zip"

log() { echo "elasticsearch.sh: $*" >&2; }
die() { log "$*"; exit 1; }

java_home() {
  local candidate
  for candidate in "${ES_JAVA_HOME:-}" "${JAVA_HOME:-}"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && { echo "$candidate"; return; }
  done
  while read -r java; do
    local home; home=$(dirname "$(dirname "$java")")
    local major; major=$("$java" -XshowSettings:properties -version 2>&1 | sed -nE 's/^ *java\.specification\.version = ([0-9]+).*/\1/p')
    [ "${major:-0}" -ge 17 ] && { echo "$home"; return; }
  done < <(update-alternatives --list java 2>/dev/null || command -v java || true)
  die "no Java >= 17 found: set ES_JAVA_HOME or install openjdk-17-jre-headless"
}

fetch() {
  mkdir -p "$ES_CACHE_DIR"
  if [ ! -f "$ZIP" ]; then
    command -v mvn >/dev/null || die "mvn not found: install maven"
    log "fetching org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip with Maven"
    mvn -B -q -C -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
      -Dartifact="org.elasticsearch.distribution.integ-test-zip:elasticsearch:$ES_VERSION:zip" \
      -DoutputDirectory="$ES_CACHE_DIR" >&2
  fi
  if [ ! -x "$ES_HOME/bin/elasticsearch" ]; then
    local tmp; tmp=$(mktemp -d "$ES_CACHE_DIR/unpack.XXXXXX")
    unzip -q "$ZIP" -d "$tmp"
    rm -rf "$ES_HOME" && mv "$tmp/elasticsearch-$ES_VERSION" "$ES_HOME" && rm -rf "$tmp"
  fi
}

free_port() {
  node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

port_free() {
  node -e 'const s=require("net").createServer().once("error",()=>process.exit(1)).listen(+process.argv[1],"127.0.0.1",()=>s.close())' "$1"
}

health() { curl -s -m 2 "$1/_cluster/health?wait_for_status=yellow&timeout=1s"; }

running_pid() {
  [ -f "$ES_STATE_DIR/es.pid" ] || return 1
  local pid; pid=$(cat "$ES_STATE_DIR/es.pid")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

start() {
  if running_pid >/dev/null; then cat "$ES_STATE_DIR/url"; return; fi
  local began=$SECONDS
  fetch
  local fetched=$SECONDS
  local java; java=$(java_home)
  local attempt port transport run home url
  local -a as_user=()
  # A port found free can be taken before the node binds it (another node starting on this machine):
  # a bind failure picks new ports, up to three times.
  for attempt in 1 2 3; do
    port=${ES_HTTP_PORT:-}
    if [ -z "$port" ]; then if port_free 9200; then port=9200; else port=$(free_port); fi; fi
    transport=$(free_port)
    run=$(mktemp -d /tmp/jobgraph-es.XXXXXX)
    mkdir -p "$run/tmp" "$run/data" "$run/logs" "$ES_STATE_DIR"
    cp -r "$ES_HOME/config" "$run/config"   # the first start writes a keystore into the config dir
    as_user=()
    home="$ES_HOME"
    if [ "$(id -u)" = 0 ]; then
      id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
      chown -R "$ES_USER" "$run"
      as_user=(runuser -u "$ES_USER" --)
      if ! "${as_user[@]}" test -x "$home/bin/elasticsearch"; then
        # A checkout inside a private directory (mktemp -d makes it 0700): the node's user cannot
        # reach the cache there, so it runs a copy (hard links when possible) in its run directory.
        cp -al "$ES_HOME" "$run/home" 2>/dev/null || cp -r "$ES_HOME" "$run/home"
        home="$run/home"
      fi
    fi
    echo "$run" >"$ES_STATE_DIR/run"
    url="http://127.0.0.1:$port"
    if "${as_user[@]}" env ES_JAVA_HOME="$java" ES_JAVA_OPTS="-Xms$ES_HEAP -Xmx$ES_HEAP" ES_TMPDIR="$run/tmp" \
        ES_PATH_CONF="$run/config" "$home/bin/elasticsearch" -d -p "$run/es.pid" \
        -E cluster.name=jobgraph-test -E node.name=jobgraph-test \
        -E network.host=127.0.0.1 -E http.port="$port" -E transport.port="$transport" \
        -E discovery.type=single-node -E xpack.security.enabled=false -E xpack.ml.enabled=false \
        -E cluster.routing.allocation.disk.threshold_enabled=false \
        -E search.keep_alive_interval=1s -E action.destructive_requires_name=false \
        -E path.data="$run/data" -E path.logs="$run/logs" >"$run/start.log" 2>&1; then
      break
    fi
    if [ "$attempt" -lt 3 ] && [ -z "${ES_HTTP_PORT:-}" ] && grep -q 'Bind[A-Za-z]*Exception' "$run/start.log" "$run/logs/jobgraph-test.log" 2>/dev/null; then
      log "port $port or $transport was taken while the node started; trying other ports"
      rm -rf "$run"; continue
    fi
    cat "$run/start.log" >&2; tail -n 50 "$run/logs/jobgraph-test.log" >&2 2>/dev/null || true
    rm -rf "$run"; die "the node did not start"
  done
  cp "$run/es.pid" "$ES_STATE_DIR/es.pid"
  local deadline=$((SECONDS + ES_START_TIMEOUT))
  until health "$url" | grep -qE '"status":"(green|yellow)"'; do
    if ! running_pid >/dev/null || [ $SECONDS -ge $deadline ]; then
      tail -n 50 "$run/logs/jobgraph-test.log" >&2 2>/dev/null || true
      stop; die "the node did not become healthy within ${ES_START_TIMEOUT}s"
    fi
    sleep 0.25
  done
  echo "$url" >"$ES_STATE_DIR/url"
  log "ready at $url (Java $java; fetch+unpack $((fetched - began))s, start $((SECONDS - fetched))s)"
  echo "$url"
}

stop() {
  local pid
  if pid=$(running_pid); then
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  if [ -f "$ES_STATE_DIR/run" ]; then rm -rf "$(cat "$ES_STATE_DIR/run")"; fi
  rm -f "$ES_STATE_DIR/es.pid" "$ES_STATE_DIR/url" "$ES_STATE_DIR/run"
}

status() {
  running_pid >/dev/null || { echo "not running"; return 1; }
  local url; url=$(cat "$ES_STATE_DIR/url" 2>/dev/null) || { echo "starting"; return 1; }
  echo "$url"; health "$url"; echo
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
