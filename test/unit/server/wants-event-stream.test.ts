import { wantsEventStream } from '../../../src/server/subscriptions/graphql-sse.transport';

const asking = (accept?: string) => wantsEventStream({ headers: accept === undefined ? {} : { accept } });

describe('wantsEventStream (which requests the SSE transport takes)', () => {
  it('takes a request that accepts only an event stream (graphql-sse, curl)', () => {
    expect(asking('text/event-stream')).toBe(true);
    expect(asking('text/event-stream; charset=utf-8')).toBe(true);
  });
  it("leaves a client that also accepts JSON to the JSON endpoint (urql's Accept on every query: 'Stream not found' before)", () => {
    expect(
      asking(
        'application/graphql-response+json, application/graphql+json, application/json, text/event-stream, multipart/mixed',
      ),
    ).toBe(false);
    expect(asking('application/json, text/event-stream')).toBe(false);
  });
  it('leaves plain JSON and missing Accept headers alone', () => {
    expect(asking('application/json')).toBe(false);
    expect(asking(undefined)).toBe(false);
    expect(asking('*/*')).toBe(false);
  });
});
