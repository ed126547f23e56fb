#!/bin/sh
# A self-signed certificate for the API's HTTPS port (https://localhost:3443/codec): the Temporal UI
# passes the operator's access token only to an https:// codec endpoint. Made once, kept in its volume.
set -eu
if [ ! -s /tls/cert.pem ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 825 -subj /CN=localhost \
    -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout /tls/key.pem -out /tls/cert.pem
fi
# The API runs as the image's node user (uid 1000); nobody else reads the key.
chown 1000 /tls/key.pem
chmod 600 /tls/key.pem
