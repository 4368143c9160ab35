#!/usr/bin/env bash
# Installs what the PostgreSQL store's tests need: Debian's postgresql-15 (server), postgresql-server-dev-15 (to build
# extensions) and pgvector 0.8.6 built from the vendored source tarball. Idempotent: returns at once when all are present.
# Usage: scripts/postgres/install-postgres.sh [path/to/pgvector-0.8.6.tar.gz]   (run as root, as .ci/run is)
set -euo pipefail
cd "$(dirname "$0")/../.."

PG_BIN=/usr/lib/postgresql/15/bin
TARBALL="${1:-../shared/vendor/pgvector-0.8.6.tar.gz}"
EXTENSION_DIR=/usr/share/postgresql/15/extension

if [ ! -x "$PG_BIN/initdb" ] || [ ! -x "$PG_BIN/pg_config" ] || [ ! -d /usr/include/postgresql/15/server ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-server-dev-15 >/dev/null
fi

if [ -f "$EXTENSION_DIR/vector--0.8.6.sql" ] && [ -f "$("$PG_BIN/pg_config" --pkglibdir)/vector.so" ]; then
  echo "postgresql-15 and pgvector 0.8.6 already installed"
  exit 0
fi

if [ ! -f "$TARBALL" ]; then
  echo "pgvector source not found at $TARBALL: pass its path as the first argument" >&2
  exit 1
fi
BUILD_DIR="$(mktemp -d)"
trap 'rm -rf "$BUILD_DIR"' EXIT
tar xzf "$TARBALL" -C "$BUILD_DIR"
# OPTFLAGS="" keeps the build portable (no -march=native), as pgvector's docs advise for shared machines.
make -C "$BUILD_DIR"/pgvector-0.8.6 PG_CONFIG="$PG_BIN/pg_config" OPTFLAGS="" >/dev/null
make -C "$BUILD_DIR"/pgvector-0.8.6 PG_CONFIG="$PG_BIN/pg_config" install >/dev/null
echo "pgvector 0.8.6 installed for PostgreSQL 15"
