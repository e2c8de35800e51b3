"""gunicorn for the portal's web processes, behind nginx (deploy/nginx/qingshui.conf).

    gunicorn -c deploy/gunicorn.conf.py portal.wsgi:application

The systemd unit and ``make prod`` both start it like this; what differs between
machines comes from the environment (GUNICORN_BIND, GUNICORN_WORKERS).
"""

import multiprocessing
import os

# nginx on the same machine reaches gunicorn through a unix socket: nothing else can.
bind = [os.environ.get("GUNICORN_BIND", "unix:/run/qingshui/gunicorn.sock")]
# Sync workers: nginx buffers slow clients, so a worker is busy only while the app works.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
# Streamed CSV exports stay well inside this (EXPORT_STREAM_MAX_ROWS, docs/exports.md);
# nginx's proxy_read_timeout is longer, so gunicorn ends a stuck request first.
timeout = 30
graceful_timeout = 25
keepalive = 5
# Load the app (and the search tokeniser's dictionary) once in the master; workers share it.
preload_app = True
# A worker is replaced after this many requests, bounding any slow leak.
max_requests = 2000
max_requests_jitter = 200
# The default control socket is one path per user: two servers on a machine would share it.
control_socket_disable = True
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
