#!/bin/sh
# premium-recon: the nightly entry point, for cron, the Kubernetes CronJob and the Docker image alike.
#
# Runs `recon run` with the container's paths unless told otherwise:
#   RECON_INBOX     folder of the night's CSVs          (default /inbox, read only)
#   RECON_OUT       output folder, swapped in whole     (default /out/latest: a folder *inside* the /out
#                   volume, because a mount point itself cannot be renamed). It must be new, empty or
#                   one recon wrote (it carries .premium-recon-out); anything else is refused, exit 2
#   RECON_DB        SQLite file                         (default /data/recon.sqlite)
#   DATABASE_URL    postgres://user:password@host:port/db: used instead when RECON_DB is not set. It stays
#                   in the environment (from a Kubernetes Secret), never on the command line, where `ps`
#                   would show its password.
#   RECON_POLICIES  folder of local policy files merged over the shipped ones (optional)
#   RECON_LANG      en or zh for the CSV headers and labels (default en)
#   RECON_SETTLE    seconds a file must have gone unmodified to be read (default 120): younger files, and
#                   files named like temporary ones (*.part, *.tmp, ~$*, dot-files), wait for the next run
# Any arguments are passed on to `recon run`, e.g. `--as-of 2023-03-15` to redo a past night by hand.
# The as-of date defaults to today in Asia/Shanghai, whatever the machine's TZ. The exit code is recon's:
# 0 done, 1 failed, 2 usage error, 3 another run holds the database, 4 done but a file was rejected whole.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${RECON_DB:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
  set -- --db "${RECON_DB:-/data/recon.sqlite}" "$@"
fi
if [ -n "${RECON_POLICIES:-}" ]; then
  set -- --policies "$RECON_POLICIES" "$@"
fi
exec node "$here/bin/recon.js" run \
  --inbox "${RECON_INBOX:-/inbox}" \
  --out "${RECON_OUT:-/out/latest}" \
  --lang "${RECON_LANG:-en}" \
  --settle "${RECON_SETTLE:-120}" \
  "$@"
