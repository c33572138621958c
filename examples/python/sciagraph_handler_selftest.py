"""Self-test of sciagraph_handler.py without pytest: python3 sciagraph_handler_selftest.py

Runs the handler against a throw-away local HTTP server (stdlib) and checks the posted body,
the retry after a 5xx, the Bearer token, the sidecar, and that failures print one stderr line
without the keys. Exits non-zero on the first failed check.
"""

import contextlib
import datetime
import io
import json
import logging
import os
import pathlib
import stat
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sciagraph_handler  # noqa: E402

DOWNLOAD_KEY = "476e2b1a-8c3b-4c25-bff7-b69860b1200a"
DECRYPTION_KEY = "QUJD" * 13


class ReportResult:  # the shape Sciagraph logs (contract §5)
    def __init__(self, job_id, report_path):
        self.job_time = datetime.datetime(2025, 3, 5, 14, 2, 11, tzinfo=datetime.timezone.utc)
        self.job_id = job_id
        self.download_key = DOWNLOAD_KEY
        self.decryption_key = DECRYPTION_KEY
        self.peak_memory_kb = 11927552
        self.report_path = report_path

    def __str__(self):
        return "Successfully uploaded the Sciagraph profiling report."


def serve(responses):
    """An HTTP server answering the queued (status, body) pairs; returns (server, received)."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers["content-length"])
            received.append({"headers": dict(self.headers), "body": json.loads(self.rfile.read(length))})
            status, body = responses.pop(0) if responses else (200, {"data": {}})
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, received


def check(condition, what):
    if not condition:
        sys.stderr.write("FAILED: %s\n" % what)
        sys.exit(1)
    print("ok - %s" % what)


def main():
    logging.getLogger().setLevel(logging.ERROR)
    logger = logging.getLogger("sciagraph")
    logger.propagate = False
    ok = {"data": {"recordProfileResult": {"jobId": "ƒyUCingAT8U", "matchedReport": True}}}
    server, received = serve([(503, {"errors": [{"message": "busy"}]}), (200, ok)])
    url = "http://127.0.0.1:%d/graphql" % server.server_port
    handler = sciagraph_handler.install(url=url, token="t0ken", timeout=2.0)
    check(sciagraph_handler.install(url=url) is handler and len(logger.handlers) == 1, "install() is idempotent")
    check(logger.getEffectiveLevel() == logging.WARNING, "install() lowers the sciagraph logger to WARNING")

    with tempfile.TemporaryDirectory() as report_dir:
        logger.warning(ReportResult("ƒyUCingAT8U", pathlib.Path(report_dir)))
        check(len(received) == 2, "one retry after a 5xx")
        body = received[-1]["body"]
        check("recordProfileResult" in body["query"], "posts the recordProfileResult mutation")
        check(body["variables"]["input"]["jobTime"] == "2025-03-05T14:02:11+00:00", "jobTime is ISO 8601 with offset")
        check(body["variables"]["input"]["downloadKey"] == DOWNLOAD_KEY, "download key posted")
        check(body["variables"]["input"]["peakMemoryKiB"] == 11927552, "peak memory posted")
        check(received[-1]["headers"].get("Authorization") == "Bearer t0ken", "Bearer token sent")
        sidecar = os.path.join(report_dir, sciagraph_handler.SIDECAR_NAME)
        check(json.load(open(sidecar))["schema"] == 1, "sidecar written with schema 1")
        check(stat.S_IMODE(os.stat(sidecar).st_mode) == 0o640, "sidecar mode 0640")

    # A naive job_time (no offset; the gateway once refused it and the sidecar's keys were lost): UTC.
    naive = ReportResult("ƒyUCingAT8U", None)
    naive.job_time = datetime.datetime(2025, 3, 5, 14, 2, 11)
    logger.warning(naive)
    check(received[-1]["body"]["variables"]["input"]["jobTime"] == "2025-03-05T14:02:11+00:00", "naive datetime sent as UTC")
    naive.job_time = "2025-03-05T14:02:11"
    logger.warning(naive)
    check(received[-1]["body"]["variables"]["input"]["jobTime"] == "2025-03-05T14:02:11+00:00", "naive string sent as UTC")
    naive.job_time = "2025-03-05T16:02:11+02:00"
    logger.warning(naive)
    check(received[-1]["body"]["variables"]["input"]["jobTime"] == "2025-03-05T16:02:11+02:00", "an offset is kept")
    naive.job_time = "2025-03-05T14:02:11Z"
    logger.warning(naive)
    check(received[-1]["body"]["variables"]["input"]["jobTime"] == "2025-03-05T14:02:11+00:00", "Z read as UTC")
    stderr = io.StringIO()
    naive.job_time = "yesterday"
    with contextlib.redirect_stderr(stderr):
        logger.warning(naive)
    check(len(received) == 6, "a job_time that is not ISO 8601 is not posted (%d posts)" % len(received))
    check("job_time 'yesterday' is not an ISO 8601" in stderr.getvalue(), "and the handler says why on stderr")
    check(DOWNLOAD_KEY not in stderr.getvalue(), "without the keys")

    os.environ["SCIAGRAPH_JOB_ID"] = "fyUCingAT8U"
    logger.warning(ReportResult("Unknown, see docs to learn how to set this", None))
    check(received[-1]["body"]["variables"]["input"]["jobId"] == "fyUCingAT8U", "unknown id replaced from $SCIAGRAPH_JOB_ID")
    check(received[-1]["body"]["variables"]["input"]["jobIdSource"] == "env", "jobIdSource is env")
    logger.warning("an ordinary warning")
    check(len(received) == 7, "other records are ignored")
    server.shutdown()

    stderr = io.StringIO()
    handler.url = url  # the server is gone now
    start = time.monotonic()
    with contextlib.redirect_stderr(stderr):
        logger.warning(ReportResult("ƒyUCingAT8U", None))
    elapsed = time.monotonic() - start
    line = stderr.getvalue()
    check(line.count("\n") == 1 and "unreachable" in line, "a failure prints one stderr line")
    check(DOWNLOAD_KEY not in line and DECRYPTION_KEY not in line, "the failure line holds no keys")
    check(elapsed < 2 * handler.timeout + 1.5, "failure time bounded (%.1f s)" % elapsed)
    print("all checks passed")


if __name__ == "__main__":
    main()
