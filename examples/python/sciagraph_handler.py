"""Send Sciagraph's download instructions to jobgraph.

When a profiled run ends, Sciagraph logs a ``ReportResult`` (job id, job start, download and
decryption keys, report path) to the ``sciagraph`` logger at WARNING. This handler posts those
fields to the gateway's ``recordProfileResult`` mutation so ``ProfileReport.downloadInstructions``
shows them next to the job, and writes a ``jobgraph-report-result.json`` sidecar into the report
directory. Standard library only, Python >= 3.7.

Usage, early in the profiled program (or in ``sitecustomize.py``)::

    import sciagraph_handler
    sciagraph_handler.install()          # JOBGRAPH_URL, JOBGRAPH_TOKEN from the environment

It never raises: a failure prints one line to stderr, without the keys.
"""

import datetime
import json
import logging
import os
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.request

DEFAULT_URL = "http://127.0.0.1:4000/graphql"
SIDECAR_NAME = "jobgraph-report-result.json"
MUTATION = (
    "mutation($input: ProfileResultInput!){ recordProfileResult(input: $input){ jobId matchedReport } }"
)
_NO_ID = {"", "unknown", "unknown, see docs to learn how to set this"}


class JobTimeError(ValueError):
    """A ReportResult whose job_time is not an ISO 8601 date and time (its text holds no key)."""


def utc_job_time(job_time):
    """job_time as ISO 8601 with an offset, as the gateway requires: Sciagraph's job_time is UTC, so a
    naive time (a datetime without tzinfo, or text without an offset) is given +00:00. Raises ValueError
    for text that is not an ISO 8601 date and time."""
    if isinstance(job_time, datetime.datetime):
        moment = job_time
    else:
        text = str(job_time).strip()
        if text.endswith(("Z", "z")):
            text = text[:-1] + "+00:00"
        moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.isoformat()


class JobgraphReportHandler(logging.Handler):
    """A logging handler that forwards Sciagraph ``ReportResult`` records to jobgraph."""

    def __init__(self, url=None, token=None, timeout=5.0, post=True, sidecar=True):
        super().__init__(level=logging.WARNING)
        self.url = url or os.environ.get("JOBGRAPH_URL") or DEFAULT_URL
        self.token = token if token is not None else os.environ.get("JOBGRAPH_TOKEN")
        self.timeout = timeout
        self.post = post
        self.sidecar = sidecar

    @staticmethod
    def is_report_result(msg):
        """Duck typing across Sciagraph versions; never imports sciagraph."""
        return type(msg).__name__ == "ReportResult" and hasattr(msg, "job_time") and hasattr(msg, "job_id")

    def emit(self, record):
        try:
            msg = record.msg
            if not self.is_report_result(msg):
                return
            fields = self.input_fields(msg)
            if self.sidecar:
                self.write_sidecar(getattr(msg, "report_path", None), fields)
            if self.post:
                self.send(fields)
        except JobTimeError as error:  # never raise into the profiled program
            self.fail("could not record the Sciagraph report: %s" % error)
        except Exception as error:
            self.fail("could not record the Sciagraph report: %s" % type(error).__name__)

    @staticmethod
    def input_fields(msg):
        """The ProfileResultInput for one ReportResult (contract §10)."""
        job_id = str(msg.job_id or "").strip()
        source = None
        if job_id.lower() in _NO_ID or job_id.lower().startswith("unknown, see docs"):
            job_id = os.environ.get("SCIAGRAPH_JOB_ID") or os.environ.get("FLUX_JOB_ID") or ""
            source = "env"
        report_path = getattr(msg, "report_path", None)
        try:
            job_time = utc_job_time(msg.job_time)
        except ValueError:
            # The gateway would refuse it and the keys would be lost unseen: say so instead.
            raise JobTimeError("job_time %r is not an ISO 8601 date and time" % (str(msg.job_time)[:64],))
        fields = {
            "jobId": job_id,
            "jobTime": job_time,
            "downloadKey": getattr(msg, "download_key", None),
            "decryptionKey": getattr(msg, "decryption_key", None),
            "peakMemoryKiB": getattr(msg, "peak_memory_kb", None),
            "reportPath": str(report_path) if report_path is not None else None,
            "hostname": socket.gethostname(),
        }
        if source:
            fields["jobIdSource"] = source
        return fields

    def write_sidecar(self, report_path, fields):
        if report_path is None or not os.path.isdir(str(report_path)):
            return
        directory = str(report_path)
        fd, temp = tempfile.mkstemp(prefix=".jobgraph-", dir=directory)
        try:
            with os.fdopen(fd, "w") as out:
                json.dump(dict(fields, schema=1), out)
            os.chmod(temp, 0o640)
            os.replace(temp, os.path.join(directory, SIDECAR_NAME))
        except Exception:
            if os.path.exists(temp):
                os.unlink(temp)
            raise

    def send(self, fields):
        body = json.dumps({"query": MUTATION, "variables": {"input": fields}}).encode("utf-8")
        headers = {"content-type": "application/json", "accept": "application/json"}
        if self.token:
            headers["authorization"] = "Bearer " + self.token
        for attempt in (1, 2):
            request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    answer = json.loads(response.read().decode("utf-8"))
                if answer.get("errors"):
                    codes = sorted({str((e.get("extensions") or {}).get("code")) for e in answer["errors"]})
                    self.fail("jobgraph rejected the Sciagraph report result (%s)" % ", ".join(codes))
                return
            except urllib.error.HTTPError as error:
                if error.code < 500 or attempt == 2:
                    self.fail("jobgraph answered HTTP %d to the Sciagraph report result" % error.code)
                    return
            except (urllib.error.URLError, OSError) as error:
                if attempt == 2:
                    reason = getattr(error, "reason", error)
                    self.fail("jobgraph unreachable at %s (%s)" % (self.url, type(reason).__name__))
                    return
            time.sleep(1.0)

    @staticmethod
    def fail(line):
        sys.stderr.write("sciagraph_handler: %s\n" % line)


def install(url=None, token=None, timeout=5.0, post=True, sidecar=True):
    """Attach one JobgraphReportHandler to the "sciagraph" logger; calling again changes nothing."""
    logger = logging.getLogger("sciagraph")
    for handler in logger.handlers:
        if type(handler).__name__ == "JobgraphReportHandler":
            return handler
    if logger.getEffectiveLevel() > logging.WARNING:
        logger.setLevel(logging.WARNING)
    handler = JobgraphReportHandler(url=url, token=token, timeout=timeout, post=post, sidecar=sidecar)
    logger.addHandler(handler)
    return handler
