#!/usr/bin/env python3
"""Loopback HTTP proxy that logs what the W3C suites send and what the server answers.

usage: capture-proxy.py LISTEN_PORT UPSTREAM_PORT LOGFILE [--route-sparql] [--fix-gsp]

Listens on 127.0.0.1:LISTEN_PORT, forwards every request unchanged to
127.0.0.1:UPSTREAM_PORT and appends one JSON line per exchange to LOGFILE
(request method, path, headers, body; response status, headers, first 2000
bytes of the body). Point run-suites.sh at the proxy to see the raw traffic:

    python3 tests/w3c/capture-proxy.py 7880 7878 /tmp/w3c.jsonl &
    tests/w3c/run-suites.sh http://127.0.0.1:7880

Options used to measure Oxigraph's server (`oxigraph serve`) as a reference,
not needed for idmgraph:
  --route-sparql  send /sparql to Oxigraph's /update (direct POST with
                  application/sparql-update, or form POST with an update=
                  field) or /query (everything else).
  --fix-gsp       split a multipart/form-data POST into one POST per part, and
                  add "Content-Type: text/turtle" to a 200 answer to HEAD
                  that has none.
With both, Oxigraph 0.5.13 passes all 50 tests (see NOTES.md).
Python standard library only; stop it with kill PID.
"""
import email.parser
import http.client
import http.server
import json
import sys
import threading
import urllib.parse

if len(sys.argv) < 4:
    sys.exit(__doc__)
LISTEN, UPSTREAM, LOGFILE = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
ROUTE = "--route-sparql" in sys.argv
FIX_GSP = "--fix-gsp" in sys.argv
lock = threading.Lock()


def show(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return "HEX:" + data.hex()


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        n = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(n) if n else b""
        ctype = self.headers.get("content-type") or ""
        path = self.path
        if ROUTE and (path == "/sparql" or path.startswith("/sparql?")):
            is_update = ctype.lower().startswith("application/sparql-update") or (
                ctype.lower().startswith("application/x-www-form-urlencoded")
                and "update" in urllib.parse.parse_qs(body.decode("utf-8", "replace"))
            )
            path = ("/update" if is_update else "/query") + path[len("/sparql"):]
        headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
        conn = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=30)
        if FIX_GSP and self.command == "POST" and ctype.startswith("multipart/form-data"):
            msg = email.parser.BytesParser().parsebytes(
                b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body)
            for part in msg.get_payload():
                part_headers = {k: v for k, v in headers.items()
                                if k.lower() not in ("content-type", "content-length")}
                part_headers["Content-Type"] = part.get("Content-Type")
                conn.request("POST", path, body=part.get_payload(decode=True), headers=part_headers)
                resp = conn.getresponse()
                resp_body = resp.read()
        else:
            send_body = body if body or self.command in ("POST", "PUT") else None
            conn.request(self.command, path, body=send_body, headers=headers)
            resp = conn.getresponse()
            resp_body = resp.read()
        with lock, open(LOGFILE, "a") as log:
            log.write(json.dumps({
                "req": {"method": self.command, "path": self.path, "upstream_path": path,
                        "headers": dict(self.headers.items()), "body": show(body)},
                "resp": {"status": resp.status, "headers": dict(resp.getheaders()),
                         "body": show(resp_body[:2000])},
            }) + "\n")
        self.send_response(resp.status)
        for k, v in resp.getheaders():
            if k.lower() not in ("connection", "transfer-encoding", "content-length"):
                self.send_header(k, v)
        if FIX_GSP and self.command == "HEAD" and resp.status == 200 and not resp.getheader("content-type"):
            self.send_header("Content-Type", "text/turtle")
        if self.command != "HEAD":
            self.send_header("Content-Length", str(len(resp_body)))
        elif resp.getheader("content-length"):
            self.send_header("Content-Length", resp.getheader("content-length"))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(resp_body)
        conn.close()

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = do_OPTIONS = forward


http.server.ThreadingHTTPServer(("127.0.0.1", LISTEN), Handler).serve_forever()
