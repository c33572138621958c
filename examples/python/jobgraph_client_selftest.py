"""Checks JobgraphClient.subscribe (SSE, graphql-sse distinct connections) against a live gateway.

    JOBGRAPH_URL=http://127.0.0.1:4000/graphql python examples/python/jobgraph_client_selftest.py JOB_ID

JOB_ID is a running job the caller may follow. Checks: its events arrive in eventlog order up to
``clean`` (the subscription completes), each once; the same events as the job's eventlog query
afterwards; a typed error (NOT_FOUND) for an unknown job; a refused operation (BAD_USER_INPUT,
HTTP 400); and leaving a subscription early. Prints one line per check; exits 1 on the first failure.
"""

import sys
import time

from jobgraph_client import JobgraphClient, JobgraphError

EVENTS = "subscription SelfTestEvents($id: JobId!) { jobEvents(id: $id) { timestamp name } }"


def main(job_id: str) -> int:
    client = JobgraphClient()
    started = time.monotonic()
    followed = [m["jobEvents"] for m in client.subscribe(EVENTS, {"id": job_id}, idle_timeout=60)]
    names = [e["name"] for e in followed]
    assert names[0] == "submit" and names[-1] == "clean", names
    assert len(names) == len(set((e["timestamp"], e["name"]) for e in followed)), "an event came twice"
    eventlog = client.execute("query($id: JobId!) { job(id: $id) { eventlog { timestamp name } } }", {"id": job_id})
    assert followed == eventlog["job"]["eventlog"], (followed, eventlog)
    print(f"followed {job_id} to clean: {len(names)} events in {time.monotonic() - started:.1f} s, same as its eventlog")

    try:
        list(client.subscribe("subscription { jobEvents(id: \"ƒ2\") { name } }", idle_timeout=60))
        raise AssertionError("an unknown job was followed")
    except JobgraphError as error:
        assert error.codes == ["NOT_FOUND"], error.codes
        print("unknown job:", error)

    try:
        list(client.subscribe("subscription { jobEvents(id: \"ƒ2\") { nope } }", idle_timeout=60))
        raise AssertionError("an invalid subscription was accepted")
    except JobgraphError as error:
        assert error.codes == ["BAD_USER_INPUT"] and error.status == 400, (error.codes, error.status)
        print("refused:", error)

    messages = client.subscribe(EVENTS, {"id": job_id}, idle_timeout=60)
    first = next(messages)["jobEvents"]["name"]
    messages.close()
    assert first == "submit", first
    print("left a subscription after its first message:", first)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
