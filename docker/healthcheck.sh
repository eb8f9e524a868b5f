#!/bin/bash
# The image's HEALTHCHECK: exit 0 when Flack's /health answers {"status":"UP"}, 1 otherwise
# (DOWN, an error, no answer). Plain bash (/dev/tcp), so it needs neither curl nor wget.
# Usage: healthcheck.sh [port]   (default 8080, Tomcat's connector in the image)
port="${1:-8080}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET /health HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
response="$(timeout 5 cat <&3)" || exit 1
exec 3<&-
case "${response}" in
  "HTTP/1."?" 200"*'"status":"UP"'*) exit 0 ;;
  *) echo "${response##*$'\r\n\r\n'}"; exit 1 ;;
esac
