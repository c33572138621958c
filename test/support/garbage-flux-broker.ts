import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { encodeMessage, FluxDecoder } from '../../src/datasources/flux/flux-codec';
import { FLUX_MSGFLAG, FLUX_MSGTYPE } from '../../src/datasources/flux/flux-message';
import type { FluxMessage } from '../../src/datasources/flux/flux-message';
import { encodeTextPayload } from '../../src/datasources/flux/flux-payload';

/** How a {@link startGarbageFluxBroker} answers every request after a correct handshake. */
export const FLUX_GARBAGE_MODES = ['html', 'truncated', 'wrong-types', 'huge'] as const;
export type FluxGarbageMode = (typeof FLUX_GARBAGE_MODES)[number];

/** What a huge reply announces: beyond the decoder's 64 MiB cap, so it must be refused from its header. */
const HUGE_ANNOUNCED = 512 * 1024 * 1024;

function reply(req: FluxMessage, payload: string): Buffer {
  return encodeMessage({
    type: FLUX_MSGTYPE.RESPONSE,
    flags: FLUX_MSGFLAG.TOPIC | FLUX_MSGFLAG.PAYLOAD | FLUX_MSGFLAG.ROUTE | (req.flags & FLUX_MSGFLAG.STREAMING),
    userid: 1001,
    rolemask: 5,
    aux1: 0,
    aux2: req.aux2,
    routes: [],
    topic: req.topic as string,
    payload: encodeTextPayload(payload),
  });
}

function answer(socket: Socket, req: FluxMessage, mode: FluxGarbageMode): void {
  switch (mode) {
    case 'html':
      socket.end(Buffer.from('<html><body>502 Bad Gateway</body></html>'));
      return;
    case 'truncated':
      // A real reply cut short: a header promising more bytes than ever come.
      socket.end(reply(req, '{"job_states":{"total":1}}').subarray(0, 30));
      return;
    case 'wrong-types':
      // Well-framed, valid JSON, every field of the wrong type.
      socket.write(reply(req, '{"job_states":"many","successful":[],"failed":{},"jobs":"none","value":7,"job":42}'));
      return;
    case 'huge': {
      // A stream header announcing 512 MiB, then the first MiB of it: refused at the header,
      // never buffered (a 24 MiB reply under the cap, parsed at 20 requests/s, only measured the CPU).
      const header = Buffer.alloc(8);
      header.writeUInt32LE(0xffee0012, 0);
      header.writeUInt32BE(HUGE_ANNOUNCED, 4);
      socket.end(Buffer.concat([header, Buffer.alloc(1024 * 1024, 0x78)]));
      return;
    }
  }
}

/** A broker on a Unix socket that answers each request with whatever `answer` writes. */
export interface ScriptedFluxBroker {
  path: string;
  uri: string;
  close(): Promise<void>;
}

/**
 * Accepts connections like flux-core (handshake byte 0), decodes requests, and hands each to
 * `answer`; a request the decoder rejects closes that connection.
 */
export async function startScriptedFluxBroker(
  answer: (socket: Socket, request: FluxMessage) => void,
): Promise<ScriptedFluxBroker> {
  const path = join(mkdtempSync(join(tmpdir(), 'jobgraph-broker-')), 'local');
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(Buffer.from([0]));
    const decoder = new FluxDecoder();
    socket.on('data', (chunk: Buffer) => {
      try {
        for (const request of decoder.decode(chunk)) answer(socket, request);
      } catch {
        socket.destroy();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    path,
    uri: `local://${path}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dirname(path), { recursive: true, force: true });
    },
  };
}

/**
 * A broker that answers every request with `mode`'s garbage: not Flux framing, a truncated frame,
 * well-framed JSON of the wrong types, or a reply announcing 512 MiB.
 */
export function startGarbageFluxBroker(mode: FluxGarbageMode): Promise<ScriptedFluxBroker> {
  return startScriptedFluxBroker((socket, request) => {
    if (request.type === FLUX_MSGTYPE.REQUEST && !(request.flags & FLUX_MSGFLAG.NORESPONSE))
      answer(socket, request, mode);
  });
}
