#!/usr/bin/env bash
# The publish check (make publish-check, part of make test) runs Debian's nginx with its brotli
# module, as deploy/nginx/ configures it for production; openssl makes the check's test certificate.
set -euo pipefail
BROTLI=/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so
if [ -x /usr/sbin/nginx ] && [ -f "$BROTLI" ] && command -v openssl >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's nginx and its brotli module for the publish check…" >&2
  apt-get update -qq
  # The check runs its own nginx on free loopback ports; where systemd starts Debian's default
  # site on port 80 as well, the check neither uses nor needs it.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-filter openssl >/dev/null
  exit 0
fi
echo "The publish check needs Debian's nginx with the brotli module, and openssl." >&2
echo "Install them with: sudo apt-get install nginx libnginx-mod-http-brotli-filter openssl" >&2
exit 1
