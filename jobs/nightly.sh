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
#   RECON_GROUP     group (name or gid) the outputs are shared with, for auditors: --group (files 0640,
#                   folders 0750); the user running the job must be in it. Unset: owner-only (0600/0700)
#   RECON_AS_OF     YYYY-MM-DD: redo the night as of that date (--as-of). For a rerun by hand, e.g. a
#                   Kubernetes Job made from the CronJob (README); never set it on the schedule itself, or
#                   every night would redo the same date
#   RECON_NODE      the node binary to use (default: `node` on the PATH; cron's PATH is short)
# Any arguments are passed on to `recon run` and win over the variables, e.g. `--as-of 2023-03-15`.
# The as-of date defaults to today in Asia/Shanghai, whatever the machine's TZ. The exit code is recon's:
# 0 done, 1 failed, 2 usage error, 3 another run holds the database, 4 done but a file was rejected whole;
# node not found is 2 as well (nothing was done: the setup needs fixing, a retry will not help).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
node=${RECON_NODE:-node}
if ! command -v "$node" >/dev/null 2>&1; then
  echo "nightly.sh: node not found (looked for \"$node\" on PATH=$PATH); set PATH in jobs/crontab or RECON_NODE to the node binary; nothing was done" >&2
  exit 2
fi
if [ -n "${RECON_AS_OF:-}" ]; then
  set -- --as-of "$RECON_AS_OF" "$@"
fi
if [ -n "${RECON_GROUP:-}" ]; then
  set -- --group "$RECON_GROUP" "$@"
fi
if [ -n "${RECON_DB:-}" ] || [ -z "${DATABASE_URL:-}" ]; then
  set -- --db "${RECON_DB:-/data/recon.sqlite}" "$@"
fi
if [ -n "${RECON_POLICIES:-}" ]; then
  set -- --policies "$RECON_POLICIES" "$@"
fi
exec "$node" "$here/bin/recon.js" run \
  --inbox "${RECON_INBOX:-/inbox}" \
  --out "${RECON_OUT:-/out/latest}" \
  --lang "${RECON_LANG:-en}" \
  --settle "${RECON_SETTLE:-120}" \
  "$@"
