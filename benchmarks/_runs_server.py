"""A bare run server for bench_waits: every run completes at one wall-clock moment.

``python benchmarks/_runs_server.py <unix time>`` serves ``GET
/v1/threads/<t>/runs/<r>`` on 127.0.0.1 (port printed on the first line):
``in_progress`` before that moment, ``completed`` from it on.  It runs in its
own process, so the client's cost is measured apart from the server's (a real
API does not share the client's interpreter).
"""

from __future__ import annotations

import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main() -> int:
    completes_at = float(sys.argv[1])

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body are separate writes

        def do_GET(self) -> None:
            parts = self.path.split("?")[0].strip("/").split("/")
            status = "completed" if time.time() >= completes_at else "in_progress"
            body = json.dumps(
                {"id": parts[-1], "object": "thread.run", "thread_id": parts[-3], "status": status, "created_at": 1}
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(server.server_address[1], flush=True)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
