#!/bin/sh
# Creates the documents bucket (private) in MinIO. Run by the one-shot `minio-init` service; idempotent.
set -eu

: "${MINIO_URL:?}" "${MINIO_ROOT_USER:?}" "${MINIO_ROOT_PASSWORD:?}" "${S3_BUCKET:?}"

mc alias set profila "$MINIO_URL" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null
mc mb --ignore-existing "profila/$S3_BUCKET"
# Documents are only ever read through short-lived presigned URLs: no anonymous access.
mc anonymous set none "profila/$S3_BUCKET"
echo "create-bucket: $S3_BUCKET ready"
