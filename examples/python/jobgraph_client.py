"""A small client for jobgraph's GraphQL endpoint, for notebooks and scripts.

    from jobgraph_client import JobgraphClient
    client = JobgraphClient()                      # JOBGRAPH_URL, else http://127.0.0.1:4000/graphql
    stats = client.execute("{ jobStats { total } }")["jobStats"]
    jobs = client.frame(client.paginate(JOBS_QUERY, {"filter": {"states": ["RUN"]}}, path=["jobs"]))

- ``execute`` POSTs JSON and raises :class:`JobgraphError` (with every error's ``extensions.code``)
  when the response carries GraphQL errors, or on an HTTP error status.
- ``subscribe`` runs a subscription over Server-Sent Events (the graphql-sse protocol, "distinct
  connections" mode: one streaming POST with ``Accept: text/event-stream``) and yields each
  message's ``data`` until the gateway completes it; an error message raises :class:`JobgraphError`.
- ``paginate`` follows a Relay connection's ``pageInfo.endCursor`` (the query takes ``$first`` and
  ``$after``) and yields the nodes.
- ``frame`` / :func:`to_frame` flatten nodes into a pandas DataFrame: id columns become strings
  (job ids are 64-bit: never let them pass through float), DateTime columns become UTC datetimes.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import pandas as pd
import requests

DEFAULT_URL = "http://127.0.0.1:4000/graphql"

_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$")
_ID_COLUMN = re.compile(r"(^|\.)(id|jobId|ids\.[A-Za-z0-9]+)$")


class JobgraphError(Exception):
    """GraphQL errors in a response (or an HTTP error status), with their codes.

    ``errors`` is the response's ``errors`` list, ``codes`` each error's ``extensions.code``
    (``BAD_USER_INPUT``, ``UPSTREAM_UNAVAILABLE``, …), ``data`` the partial data if any.
    """

    def __init__(self, errors: Sequence[Mapping[str, Any]], data: Any = None, status: int | None = None):
        self.errors = list(errors)
        self.codes = [str((e.get("extensions") or {}).get("code", "UNKNOWN")) for e in self.errors]
        self.data = data
        self.status = status
        lines = []
        for error, code in zip(self.errors, self.codes):
            path = ".".join(str(p) for p in error.get("path") or [])
            lines.append(f"[{code}] {error.get('message', '')}" + (f" (at {path})" if path else ""))
        super().__init__("; ".join(lines) or f"HTTP {status}")


class JobgraphClient:
    """POSTs GraphQL operations to a jobgraph gateway.

    :param url: endpoint; default ``$JOBGRAPH_URL``, else ``http://127.0.0.1:4000/graphql``.
    :param headers: extra headers, e.g. ``{"Authorization": "Bearer …"}``.
    :param timeout: seconds per HTTP request (default 60).
    """

    def __init__(self, url: str | None = None, headers: Mapping[str, str] | None = None, timeout: float = 60.0):
        self.url = url or os.environ.get("JOBGRAPH_URL") or DEFAULT_URL
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"Accept": "application/json", **(headers or {})})

    def execute(self, query: str, variables: Mapping[str, Any] | None = None, operation_name: str | None = None) -> dict[str, Any]:
        """Runs one operation and returns its ``data``; raises :class:`JobgraphError` on any error."""
        body: dict[str, Any] = {"query": query, "variables": dict(variables or {})}
        if operation_name:
            body["operationName"] = operation_name
        response = self.session.post(self.url, json=body, timeout=self.timeout)
        try:
            payload = response.json()
        except ValueError:
            response.raise_for_status()
            raise JobgraphError([{"message": f"not a GraphQL response: {response.text[:200]}"}], status=response.status_code)
        if payload.get("errors"):
            raise JobgraphError(payload["errors"], payload.get("data"), response.status_code)
        if not response.ok:
            raise JobgraphError([], status=response.status_code)
        return payload["data"]

    def subscribe(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        operation_name: str | None = None,
        idle_timeout: float | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yields the ``data`` of each message of a subscription, over SSE, until it completes.

        The gateway answers one ``next`` event per message and ``complete`` at the end (a job's
        ``jobEvents`` after ``clean``, ``jobOutput`` after the last end of stream). A message with
        errors (``UPSTREAM_UNAVAILABLE``, ``SLOW_CONSUMER``, ``FORBIDDEN`` …) raises
        :class:`JobgraphError`, as does a refused operation (answered with JSON and an HTTP error).
        Stop early by leaving the loop: closing the generator closes the connection, which ends
        the subscription in the gateway.

        :param idle_timeout: seconds to wait for the next byte (the gateway sends a keep-alive
            comment every 12 s); default none: wait as long as the job takes.
        """
        body: dict[str, Any] = {"query": query, "variables": dict(variables or {})}
        if operation_name:
            body["operationName"] = operation_name
        with self.session.post(
            self.url,
            json=body,
            headers={"Accept": "text/event-stream"},
            stream=True,
            timeout=(self.timeout, idle_timeout),
        ) as response:
            if not response.headers.get("content-type", "").startswith("text/event-stream"):
                try:
                    payload = response.json()
                except ValueError:
                    raise JobgraphError([{"message": f"not an event stream: {response.text[:200]}"}], status=response.status_code)
                raise JobgraphError(payload.get("errors") or [], payload.get("data"), response.status_code)
            for event, data in _server_sent_events(response.iter_content(chunk_size=None)):
                if event == "complete":
                    return
                if event != "next" or not data:
                    continue
                message = json.loads(data)
                if message.get("errors"):
                    raise JobgraphError(message["errors"], message.get("data"))
                yield message["data"]

    def paginate(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        path: Sequence[str] = ("jobs",),
        page_size: int = 200,
        max_items: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Yields the nodes of the connection at ``path`` page by page, following ``pageInfo.endCursor``.

        The query must declare ``$first: Int`` and ``$after: String``, pass them to the connection
        field and select ``pageInfo { hasNextPage endCursor }`` and ``edges { node { … } }`` (or ``nodes``).
        """
        after: str | None = None
        count = 0
        while True:
            data = self.execute(query, {**(variables or {}), "first": page_size, "after": after})
            connection: Any = data
            for key in path:
                connection = connection[key]
            nodes = connection.get("nodes")
            if nodes is None:
                nodes = [edge["node"] for edge in connection.get("edges") or []]
            for node in nodes:
                yield node
                count += 1
                if max_items is not None and count >= max_items:
                    return
            page = connection["pageInfo"]
            if not page.get("hasNextPage") or not page.get("endCursor"):
                return
            after = page["endCursor"]

    def frame(self, records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
        """Same as :func:`to_frame`."""
        return to_frame(records)


def _server_sent_events(chunks: Iterable[bytes]) -> Iterator[tuple[str, str]]:
    """Parses an event stream (the WHATWG format) into ``(event, data)`` pairs as they arrive.

    Lines are split on bytes, not with ``str.splitlines``: JSON may carry U+2028 unescaped.
    """
    buffer = b""
    event, data = "message", []
    for chunk in chunks:
        buffer += chunk
        *lines, buffer = buffer.split(b"\n")
        for raw in lines:
            line = raw.rstrip(b"\r").decode("utf-8")
            if line == "":
                if data:
                    yield event, "\n".join(data)
                elif event != "message":
                    yield event, ""
                event, data = "message", []
            elif line.startswith(":"):
                continue
            else:
                field, _, value = line.partition(":")
                value = value[1:] if value.startswith(" ") else value
                if field == "event":
                    event = value
                elif field == "data":
                    data.append(value)


def to_frame(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """Flattens GraphQL objects (nested fields become ``a.b`` columns) into a DataFrame.

    Columns named ``id``, ``jobId`` or ``ids.<form>`` become pandas strings; columns whose values
    are all ISO 8601 date-times (the gateway's ``DateTime``) become ``datetime64[ns, UTC]``.
    """
    frame = pd.json_normalize(list(records))
    for column in frame.columns:
        values = frame[column].dropna()
        if _ID_COLUMN.search(column):
            frame[column] = frame[column].map(lambda v: None if v is None or v != v else str(v)).astype("string")
        elif len(values) > 0 and values.map(lambda v: isinstance(v, str) and bool(_ISO_DATETIME.match(v))).all():
            frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
    return frame
