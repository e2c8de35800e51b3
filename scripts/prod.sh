#!/usr/bin/env bash
# `make prod`: the production stack on this machine, in the foreground, in one command.
#
#   nginx on 127.0.0.1:$PROD_PORT (deploy/nginx/qingshui.conf) → gunicorn on a unix socket
#   (deploy/gunicorn.conf.py) · a Celery worker · Celery beat, all with
#   portal.settings.production against PostgreSQL and Redis, with the demo site loaded.
#
# As root on Debian it first installs what is missing: nginx (ensure-nginx.sh), the
# certificate font, PostgreSQL and Redis (services.sh, database qingshui_prod). Ctrl-C stops
# every process it started; `scripts/prod.sh stop` (make prod-stop) stops a stack left
# running, `scripts/prod.sh manage COMMAND` runs a management command with its settings.
# There is no TLS on 127.0.0.1, so this is for trying the stack, never for serving.
#
#   PROD_PORT          nginx's port (8480)
#   PROD_DIR           PIDs, logs, the generated nginx config, static files, media (var/prod)
#   PROD_ENV_FILE      generated once with a random SECRET_KEY; add settings to it (var/prod.env)
#   PROD_DATABASE_URL  PostgreSQL (default: services.sh's, database qingshui_prod)
#   PROD_REDIS_URL     Redis (default: services.sh's)
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$PWD

PROD_PORT="${PROD_PORT:-8480}"
PROD_DIR="${PROD_DIR:-$root_dir/var/prod}"
PROD_ENV_FILE="${PROD_ENV_FILE:-$root_dir/var/prod.env}"
PYTHON="${PYTHON:-$root_dir/.venv/bin/python}"
# Started in this order; stopped front first, so no request reaches a process already gone.
SERVICES=(web worker beat nginx)
STOP_ORDER=(nginx web worker beat)

say() { echo "prod: $*" >&2; }

pid_of() { cat "$PROD_DIR/$1.pid" 2>/dev/null || true; }

# Is $1 still a live process of this stack? Each is started with STATIC_ROOT under
# $PROD_DIR and most name $PROD_DIR on their command line, so a stale PID file (after a
# reboot, say) never leads to signalling someone else's process. A zombie has stopped.
ours() {
  local pid="$1"
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  [ "$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)" != Z ] || return 1
  tr '\0' '\n' 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$PROD_DIR/" \
    || tr '\0' '\n' 2>/dev/null <"/proc/$pid/environ" | grep -qxF -- "STATIC_ROOT=$PROD_DIR/static"
}

stop_all() {
  local name pid deadline
  for name in "${STOP_ORDER[@]}"; do
    pid="$(pid_of "$name")"
    if ours "$pid"; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  # A Celery worker finishes its running task first; gunicorn its requests.
  deadline=$((SECONDS + 40))
  for name in "${STOP_ORDER[@]}"; do
    pid="$(pid_of "$name")"
    while ours "$pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if ours "$pid"; then
      say "$name (PID $pid) did not stop in time: killing its process group"
      kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$PROD_DIR/$name.pid"
  done
}

running() {
  local name
  for name in "${SERVICES[@]}"; do
    if ours "$(pid_of "$name")"; then return 0; fi
  done
  return 1
}

# --- What the stack needs -------------------------------------------------------------
install_missing() {
  if [ "$(id -u)" -eq 0 ]; then
    bash scripts/ensure-nginx.sh
    bash scripts/ensure-fonts.sh
  fi
  if ! command -v nginx >/dev/null 2>&1; then
    say "needs nginx: apt-get install nginx (or run as root)"
    exit 1
  fi
  if [ -z "${PROD_DATABASE_URL:-}" ] || [ -z "${PROD_REDIS_URL:-}" ]; then
    if [ "$(id -u)" -ne 0 ]; then
      say "set PROD_DATABASE_URL and PROD_REDIS_URL, or run as root to install PostgreSQL and Redis"
      exit 1
    fi
    services="$(PG_DB=qingshui_prod bash scripts/services.sh)"
    PROD_DATABASE_URL="${PROD_DATABASE_URL:-$(sed -n 's/^export DATABASE_URL=//p' <<<"$services")}"
    PROD_REDIS_URL="${PROD_REDIS_URL:-$(sed -n 's/^export REDIS_URL=//p' <<<"$services")}"
  fi
}

# The settings every process of the stack runs with.
stack_env() {
  mkdir -p "$PROD_DIR/nginx" "$(dirname "$PROD_ENV_FILE")"
  if [ ! -f "$PROD_ENV_FILE" ]; then
    (
      umask 077
      printf '# Settings of the local stack (scripts/prod.sh). Never commit this file.\nSECRET_KEY=%s\n' \
        "$("$PYTHON" -c 'import secrets; print(secrets.token_urlsafe(50))')" >"$PROD_ENV_FILE"
    )
    say "wrote a new SECRET_KEY to $PROD_ENV_FILE"
  fi
  set -a
  # shellcheck disable=SC1090
  . "$PROD_ENV_FILE"
  set +a

  # What portal.settings.production needs; anything set in the env file wins.
  export DJANGO_SETTINGS_MODULE=portal.settings.production
  export DATABASE_URL="$PROD_DATABASE_URL" REDIS_URL="$PROD_REDIS_URL"
  export PORTAL_BASE_URL="${PORTAL_BASE_URL:-http://127.0.0.1:$PROD_PORT}"
  export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
  # Plain http on 127.0.0.1: no redirect to https, and cookies a browser sends back over http.
  export SECURE_SSL_REDIRECT="${SECURE_SSL_REDIRECT:-false}"
  export SECURE_COOKIES="${SECURE_COOKIES:-false}"
  export STATIC_ROOT="$PROD_DIR/static" MEDIA_ROOT="$PROD_DIR/media"
  export PRIVATE_MEDIA_ROOT="$PROD_DIR/private"
  # Messages (sign-up confirmations too) are written to files instead of being sent.
  export EMAIL_URL="${EMAIL_URL:-filemail://$PROD_DIR/mail}"
  export GUNICORN_WORKERS="${GUNICORN_WORKERS:-2}"
}

case "${1:-start}" in
  stop)
    if running; then stop_all && say "stopped"; else say "nothing running in $PROD_DIR"; fi
    exit 0
    ;;
  manage)
    # A management command with the stack's settings: `scripts/prod.sh manage createsuperuser`.
    shift
    install_missing
    stack_env
    exec "$PYTHON" manage.py "$@"
    ;;
  start) ;;
  *)
    echo "usage: $0 [start|stop|manage COMMAND …]" >&2
    exit 2
    ;;
esac

if running; then
  say "a stack is already running from $PROD_DIR; stop it first: $0 stop"
  exit 1
fi
install_missing
stack_env

say "collectstatic, migrate and load_demo with production settings …"
"$PYTHON" manage.py collectstatic --noinput -v0
"$PYTHON" manage.py migrate --noinput -v0
"$PYTHON" manage.py load_demo --allow-production >"$PROD_DIR/load_demo.log"

# --- nginx's configuration: the project's site, in a main config of its own ------------
QINGSHUI_LISTEN="127.0.0.1:$PROD_PORT" QINGSHUI_SERVER_NAME="127.0.0.1 localhost" \
  QINGSHUI_UPSTREAM="unix:$PROD_DIR/web.sock" \
  QINGSHUI_STATIC_ROOT="$STATIC_ROOT" QINGSHUI_MEDIA_ROOT="$MEDIA_ROOT" \
  "$PYTHON" deploy/render.py deploy/nginx/qingshui.conf >"$PROD_DIR/nginx/qingshui.conf"
# As root, nginx's workers run as the user who owns everything here, not "nobody"
# (who may not enter this folder); the directive means nothing to anyone else.
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user $(id -un) $(id -gn);"
cat >"$PROD_DIR/nginx/nginx.conf" <<EOF
# Generated by scripts/prod.sh for the local stack; the system's nginx is not used.
$user_line
daemon off;
worker_processes 2;
pid $PROD_DIR/nginx/master.pid;
error_log $PROD_DIR/nginx-error.log warn;
events { worker_connections 512; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    access_log $PROD_DIR/nginx-access.log;
    client_body_temp_path $PROD_DIR/nginx/body;
    proxy_temp_path $PROD_DIR/nginx/proxy;
    fastcgi_temp_path $PROD_DIR/nginx/fastcgi;
    uwsgi_temp_path $PROD_DIR/nginx/uwsgi;
    scgi_temp_path $PROD_DIR/nginx/scgi;
    include $PROD_DIR/nginx/qingshui.conf;
}
EOF
nginx_args=(-c "$PROD_DIR/nginx/nginx.conf" -e "$PROD_DIR/nginx-error.log")
nginx -t -q "${nginx_args[@]}"

# --- The processes ----------------------------------------------------------------------
# Each in a session of its own (setsid), so Ctrl-C reaches this script alone and the
# stack stops in order; the PID written is the process itself (setsid does not fork here).
start() {
  local name="$1"
  shift
  setsid "$@" >>"$PROD_DIR/$name.log" 2>&1 </dev/null &
  echo "$!" >"$PROD_DIR/$name.pid"
}

trap stop_all EXIT
trap 'exit 130' INT TERM

start web "$PYTHON" -m gunicorn -c deploy/gunicorn.conf.py --bind "unix:$PROD_DIR/web.sock" \
  portal.wsgi:application
start worker "$PYTHON" -m celery -A portal worker --loglevel=INFO --concurrency=2 \
  --hostname="prod-$PROD_PORT@%h" --statedb="$PROD_DIR/worker.state"
start beat "$PYTHON" -m celery -A portal beat --loglevel=INFO \
  --schedule="$PROD_DIR/celerybeat-schedule"
start nginx nginx "${nginx_args[@]}"

url="http://127.0.0.1:$PROD_PORT"
deadline=$((SECONDS + ${PROD_START_SECONDS:-60}))
until "$PYTHON" - "$url/healthz" 2>/dev/null <<'PY'; do
import sys
import urllib.request

opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1: no proxy
with opener.open(sys.argv[1], timeout=2) as response:
    sys.exit(0 if response.read() == b"ok" else 1)
PY
  for name in "${SERVICES[@]}"; do
    if ! ours "$(pid_of "$name")"; then
      say "$name exited at start; the end of $PROD_DIR/$name.log:"
      tail -n 30 "$PROD_DIR/$name.log" >&2
      exit 1
    fi
  done
  if [ "$SECONDS" -ge "$deadline" ]; then
    say "no answer from $url/healthz within ${PROD_START_SECONDS:-60} s"
    exit 1
  fi
  sleep 0.5 # polling interval
done

say "Qingshui is up at $url (admin: $url/admin/) — PIDs and logs in $PROD_DIR, mail in $PROD_DIR/mail"
say "demo accounts have no password here: add staff with \`$0 manage createsuperuser\`, sign in,"
say "then open the confirmation link in the mail. Ctrl-C stops everything."
# Until Ctrl-C, or until one of them stops: a stack with a part missing is not left running.
wait -n
for name in "${SERVICES[@]}"; do
  ours "$(pid_of "$name")" || say "$name stopped; stopping the rest (see $PROD_DIR/$name.log)"
done
exit 1
