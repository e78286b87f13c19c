#!/usr/bin/env bash
# The database servers the warehouse tests (customer-value/sql) run against, on 127.0.0.1
# only: a PostgreSQL 15 server and a ClickHouse cluster of two shards (two clickhouse-server
# processes, each with its own config, ports and data folder; a Distributed table over one
# MergeTree table per shard, rows placed by a hash of the customer id).
#
#   bash .ci/warehouse.sh start   # install what is missing, start the three servers
#   bash .ci/warehouse.sh load    # load the sample log and a generated 1M-row log
#   bash .ci/warehouse.sh load-file <table> <file.csv>   # any log of bench/data.ts's format
#   bash .ci/warehouse.sh env     # print the settings the tests read (export lines)
#   bash .ci/warehouse.sh stop    # stop every server this script started
#
# Everything lives in $CV_WAREHOUSE_DIR (default /tmp/customer-value-warehouse). Both servers
# run in a zone other than UTC (Pacific/Chatham) on purpose: results must not depend on it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=${CV_WAREHOUSE_DIR:-/tmp/customer-value-warehouse}
pg_port=${CV_PG_PORT:-55432}
ch_http=(58123 58124)
ch_tcp=(59000 59001)
ch_inter=(59009 59010)
server_zone=Pacific/Chatham

log() { printf '[warehouse] %s\n' "$*"; }

install_packages() {
  local missing=()
  command -v clickhouse-client >/dev/null || missing+=(clickhouse-client)
  [ -x /usr/sbin/clickhouse-server ] || missing+=(clickhouse-server)
  if ! command -v pg_config >/dev/null || [ ! -x "$(pg_config --bindir)/initdb" ]; then
    missing+=(postgresql-15)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} (Debian)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=600 "${missing[@]}" >/dev/null
  fi
}

start_postgres() {
  local bin
  bin=$(pg_config --bindir)
  mkdir -p "$dir/pg-socket"
  touch "$dir/pg.log"
  chown postgres "$dir/pg-socket" "$dir/pg.log"
  if [ ! -f "$dir/pg/PG_VERSION" ]; then
    install -d -o postgres "$dir/pg"
    su postgres -s /bin/sh -c "TZ=$server_zone '$bin/initdb' -D '$dir/pg' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$dir/pg-initdb.log"
  fi
  log "starting PostgreSQL on 127.0.0.1:$pg_port"
  su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$dir/pg' -l '$dir/pg.log' -w -t 60 start -o \"-p $pg_port -k '$dir/pg-socket' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB -c work_mem=64MB -c max_parallel_workers_per_gather=2\"" >/dev/null
}

# One shard's config: its own ports and folders; the cluster "cv" lists both shards.
write_clickhouse_config() {
  local i=$1 d="$dir/ch$1"
  mkdir -p "$d/data" "$d/tmp" "$d/user_files" "$d/format_schemas" "$d/log"
  cat >"$d/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$d/log/server.log</log>
    <errorlog>$d/log/server.err.log</errorlog>
    <size>100M</size>
    <count>2</count>
  </logger>
  <listen_host>127.0.0.1</listen_host>
  <http_port>${ch_http[$i]}</http_port>
  <tcp_port>${ch_tcp[$i]}</tcp_port>
  <interserver_http_port>${ch_inter[$i]}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/user_files/</user_files_path>
  <format_schema_path>$d/format_schemas/</format_schema_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>$server_zone</timezone>
  <max_concurrent_queries>50</max_concurrent_queries>
  <mark_cache_size>268435456</mark_cache_size>
  <uncompressed_cache_size>268435456</uncompressed_cache_size>
  <remote_servers>
    <cv>
      <shard><replica><host>127.0.0.1</host><port>${ch_tcp[0]}</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>${ch_tcp[1]}</port></replica></shard>
    </cv>
  </remote_servers>
</yandex>
XML
  cat >"$d/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default>
      <max_memory_usage>4000000000</max_memory_usage>
      <max_threads>2</max_threads>
    </default>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default></default></quotas>
</yandex>
XML
}

start_clickhouse() {
  for i in 0 1; do
    write_clickhouse_config "$i"
    log "starting ClickHouse shard $((i + 1)) on 127.0.0.1:${ch_http[$i]} (HTTP), ${ch_tcp[$i]} (native)"
    /usr/sbin/clickhouse-server --config-file="$dir/ch$i/config.xml" \
      >"$dir/ch$i/log/stdout.log" 2>&1 &
    echo $! >"$dir/ch$i/pid"
  done
  for i in 0 1; do
    for _ in $(seq 1 120); do
      if clickhouse-client --host 127.0.0.1 --port "${ch_tcp[$i]}" --query "SELECT 1" >/dev/null 2>&1; then
        continue 2
      fi
      kill -0 "$(cat "$dir/ch$i/pid")" 2>/dev/null || break
      sleep 0.5
    done
    log "ClickHouse shard $((i + 1)) did not start; its log:"
    tail -n 30 "$dir/ch$i/log/server.err.log" "$dir/ch$i/log/stdout.log" 2>/dev/null || true
    exit 1
  done
}

psql_() { PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"; }
ch_() { clickhouse-client --host 127.0.0.1 --port "${ch_tcp[$1]}" "${@:2}"; }

# A log (CSV with the header customerId,date,amount[,profit,quantity]) into PostgreSQL and into
# the ClickHouse cluster. Table `name` everywhere; in ClickHouse `name` is the Distributed
# table over `name_local` on each shard. `date_type` is the date column's type in each engine.
load_log() {
  local name=$1 csv=$2 pg_date=$3 ch_date=$4
  local extra_pg="" extra_ch="" cols="customerId,date,amount"
  if head -n 1 "$csv" | grep -q profit; then
    extra_pg=', profit float8, quantity float8'
    extra_ch=', profit Float64, quantity Float64'
    cols="customerId,date,amount,profit,quantity"
  fi
  log "loading $name ($(($(wc -l <"$csv") - 1)) rows) into PostgreSQL"
  psql_ -c "DROP TABLE IF EXISTS $name" \
    -c "CREATE TABLE $name (\"customerId\" text, date $pg_date, amount float8$extra_pg)" \
    -c "\\copy $name (\"customerId\", date, amount${extra_pg:+, profit, quantity}) FROM '$csv' WITH (FORMAT csv, HEADER true)" \
    -c "ANALYZE $name"
  log "loading $name into the ClickHouse cluster (Distributed over two shards)"
  for i in 0 1; do
    ch_ "$i" --query "DROP TABLE IF EXISTS ${name}"
    ch_ "$i" --query "DROP TABLE IF EXISTS ${name}_local"
    ch_ "$i" --query "CREATE TABLE ${name}_local (customerId String, date $ch_date, amount Float64$extra_ch)
      ENGINE = MergeTree() ORDER BY (customerId, date)"
    ch_ "$i" --query "CREATE TABLE ${name} AS ${name}_local
      ENGINE = Distributed(cv, default, ${name}_local, cityHash64(customerId))"
  done
  # Dates as 'YYYY-MM-DD hh:mm:ss' in UTC (the columns are DateTime('UTC') or String).
  if [ "$ch_date" = "String" ]; then
    tail -n +2 "$csv" | ch_ 0 --insert_distributed_sync=1 --query "INSERT INTO ${name} ($cols) FORMAT CSV"
  else
    tail -n +2 "$csv" | sed -E 's/,([0-9]{4}-[0-9]{2}-[0-9]{2})T([0-9:]{8})(\.[0-9]+)?Z,/,\1 \2,/' |
      ch_ 0 --insert_distributed_sync=1 --query "INSERT INTO ${name} ($cols) FORMAT CSV"
  fi
}

load() {
  mkdir -p "$dir/data"
  log "writing the sample log and the 1M-row log"
  (cd "$root" && npx tsx test/warehouse/sample.ts "$dir/data/sample.csv")
  [ -f "$dir/data/log-1m/meta.json" ] || (cd "$root" && npx tsx bench/data.ts 1000000 "$dir/data/log-1m" >/dev/null)
  load_log cv_sample "$dir/data/sample.csv" text String
  load_log cv_log_1m "$dir/data/log-1m/transactions.csv" timestamptz "DateTime('UTC')"
  for i in 0 1; do
    log "shard $((i + 1)): $(ch_ "$i" --query "SELECT count() FROM cv_log_1m_local") rows of cv_log_1m"
  done
}

stop() {
  for i in 0 1; do
    local pidfile="$dir/ch$i/pid"
    if [ -f "$pidfile" ]; then
      local pid
      pid=$(cat "$pidfile")
      if kill -0 "$pid" 2>/dev/null; then
        log "stopping ClickHouse shard $((i + 1)) (pid $pid)"
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -9 "$pid" 2>/dev/null || true
      fi
      rm -f "$pidfile"
    fi
  done
  if [ -f "$dir/pg/postmaster.pid" ]; then
    log "stopping PostgreSQL"
    su postgres -s /bin/sh -c "'$(pg_config --bindir)/pg_ctl' -D '$dir/pg' -m fast -w stop" >/dev/null || true
  fi
}

env_lines() {
  echo "export CV_POSTGRES_URL=postgres://postgres@127.0.0.1:$pg_port/postgres"
  echo "export CV_CLICKHOUSE_URL=http://127.0.0.1:${ch_http[0]}"
  echo "export CV_CLICKHOUSE_SHARD_URLS=http://127.0.0.1:${ch_http[0]},http://127.0.0.1:${ch_http[1]}"
  echo "export CV_WAREHOUSE_DATA=$dir/data"
}

case "${1:-}" in
  start)
    install_packages
    stop
    rm -rf "$dir"
    mkdir -p "$dir"
    start_postgres
    start_clickhouse
    ;;
  load) load ;;
  # A log of one's own (bench/warehouse.ts): bash .ci/warehouse.sh load-file <table> <file.csv>
  load-file) load_log "$2" "$3" timestamptz "DateTime('UTC')" ;;
  env) env_lines ;;
  stop) stop ;;
  *)
    echo "usage: $0 start|load|load-file <table> <csv>|env|stop" >&2
    exit 2
    ;;
esac
