import { FLUX_MSGFLAG, FLUX_MSGTYPE } from './flux-message';
import type { FluxMessage, FluxMessageType } from './flux-message';
import { FluxProtocolError } from './flux-protocol-error';

/** Stream header magic 0xffee0012, written little-endian: bytes `12 00 EE FF`. */
export const STREAM_MAGIC = 0xffee0012;
/** Bytes of the stream header: magic + big-endian body length (which excludes the header). */
export const STREAM_HEADER_SIZE = 8;
/** Smallest body: the PROTO frame (size byte + 20 bytes). */
export const MIN_MESSAGE_SIZE = 21;
/** Largest body the decoder accepts, 64 MiB (the broker has no cap; this is ours). */
export const MAX_MESSAGE_SIZE = 64 * 1024 * 1024;
/** Most route frames the decoder accepts (real route stacks are a few hops). */
export const MAX_ROUTES = 256;

const PROTO_MAGIC = 0x8e;
const PROTO_VERSION = 0x01;
const PROTO_SIZE = 20;
const TYPES: ReadonlySet<number> = new Set(Object.values(FLUX_MSGTYPE));
const utf8 = new TextDecoder('utf-8', { fatal: true });

function frameHeaderSize(size: number): number {
  return size < 0xff ? 1 : 5;
}

function isUint32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffffffff;
}

function checkFields(msg: FluxMessage): void {
  const { flags } = msg;
  if (!TYPES.has(msg.type)) throw new RangeError(`invalid message type ${msg.type}`);
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xff) throw new RangeError(`invalid flags ${flags}`);
  if (flags & FLUX_MSGFLAG.NORESPONSE && flags & FLUX_MSGFLAG.STREAMING)
    throw new RangeError('NORESPONSE with STREAMING is invalid');
  if (!isUint32(msg.userid) || !isUint32(msg.rolemask) || !isUint32(msg.aux1) || !isUint32(msg.aux2)) {
    throw new RangeError(
      `userid, rolemask, aux1 and aux2 must be uint32 (${msg.userid}, ${msg.rolemask}, ${msg.aux1}, ${msg.aux2})`,
    );
  }
  if (!(flags & FLUX_MSGFLAG.ROUTE) && msg.routes?.length) throw new RangeError('routes given without the ROUTE flag');
  if (flags & FLUX_MSGFLAG.TOPIC ? msg.topic === undefined || msg.topic.includes('\0') : msg.topic !== undefined) {
    throw new RangeError('a topic (without NUL) goes with the TOPIC flag, and only with it');
  }
  if (flags & FLUX_MSGFLAG.PAYLOAD ? msg.payload === undefined : msg.payload !== undefined)
    throw new RangeError('a payload goes with the PAYLOAD flag, and only with it');
}

function writeFrame(out: Buffer, off: number, size: number): number {
  if (size < 0xff) {
    out[off] = size;
    return off + 1;
  }
  out[off] = 0xff;
  return out.writeUInt32BE(size, off + 1);
}

/** Routes as bytes and the body size of one message, checked against its flags. */
interface MessageLayout {
  routes: Buffer[];
  topicSize: number;
  body: number;
}

function layout(msg: FluxMessage): MessageLayout {
  checkFields(msg);
  const { flags } = msg;
  const routes = flags & FLUX_MSGFLAG.ROUTE && msg.routes?.length ? msg.routes.map((r) => Buffer.from(r, 'utf8')) : [];
  if (routes.some((r) => r.length === 0)) throw new RangeError('route ids must not be empty');
  const topicSize = msg.topic === undefined ? 0 : Buffer.byteLength(msg.topic, 'utf8');
  const payloadSize = msg.payload?.length ?? 0;
  let body = 1 + PROTO_SIZE;
  for (const r of routes) body += frameHeaderSize(r.length) + r.length;
  if (flags & FLUX_MSGFLAG.ROUTE) body += 1;
  if (msg.topic !== undefined) body += frameHeaderSize(topicSize) + topicSize;
  if (msg.payload !== undefined) body += frameHeaderSize(payloadSize) + payloadSize;
  if (body > MAX_MESSAGE_SIZE) throw new RangeError(`message of ${body} bytes exceeds ${MAX_MESSAGE_SIZE}`);
  return { routes, topicSize, body };
}

function write(msg: FluxMessage, { routes, topicSize, body }: MessageLayout, out: Buffer, start: number): number {
  const { flags } = msg;
  out.writeUInt32LE(STREAM_MAGIC, start);
  out.writeUInt32BE(body, start + 4);
  let off = start + STREAM_HEADER_SIZE;
  for (const r of routes) {
    off = writeFrame(out, off, r.length);
    off += r.copy(out, off);
  }
  if (flags & FLUX_MSGFLAG.ROUTE) out[off++] = 0;
  if (msg.topic !== undefined) {
    off = writeFrame(out, off, topicSize);
    off += out.write(msg.topic, off, 'utf8');
  }
  if (msg.payload !== undefined) {
    off = writeFrame(out, off, msg.payload.length);
    out.set(msg.payload, off);
    off += msg.payload.length;
  }
  out[off++] = PROTO_SIZE;
  out[off++] = PROTO_MAGIC;
  out[off++] = PROTO_VERSION;
  out[off++] = msg.type;
  out[off++] = flags;
  off = out.writeUInt32BE(msg.userid, off);
  off = out.writeUInt32BE(msg.rolemask, off);
  off = out.writeUInt32BE(msg.aux1, off);
  return out.writeUInt32BE(msg.aux2, off);
}

/**
 * Encodes one message with its 8-byte stream header, ready for the socket. Frames follow the
 * flags: routes + delimiter (ROUTE), topic (TOPIC), payload (PAYLOAD), then PROTO.
 * Throws a RangeError when the fields disagree with the flags or do not fit.
 */
export function encodeMessage(msg: FluxMessage): Buffer {
  const plan = layout(msg);
  const out = Buffer.allocUnsafe(STREAM_HEADER_SIZE + plan.body);
  write(msg, plan, out, 0);
  return out;
}

/**
 * Encodes messages back to back into shared buffers of `chunkSize` bytes (default 64 KiB), so a
 * long stream of small replies costs no allocation per message and no copy. Chunks handed back
 * with {@link recycle} once written are reused (allocating a fresh 64 KiB chunk per flush showed
 * up as a quarter of the simulator's CPU, mostly in the garbage collector).
 */
export class MessageWriter {
  private chunk: Buffer | undefined;
  private used = 0;
  private sealed = 0;
  private readonly full: Buffer[] = [];
  private readonly free: Buffer[] = [];

  constructor(private readonly chunkSize = 64 * 1024) {}

  /** Bytes encoded and not yet taken. */
  get size(): number {
    return this.sealed + this.used;
  }

  /** Encodes `msg` after the ones already appended (same checks as {@link encodeMessage}). */
  append(msg: FluxMessage): void {
    const plan = layout(msg);
    const size = STREAM_HEADER_SIZE + plan.body;
    if (size > this.chunkSize) {
      this.seal();
      const out = Buffer.allocUnsafe(size);
      write(msg, plan, out, 0);
      this.full.push(out);
      this.sealed += size;
      return;
    }
    if (!this.chunk || size > this.chunkSize - this.used) {
      this.seal();
      this.chunk = this.free.pop() ?? Buffer.allocUnsafe(this.chunkSize);
    }
    this.used = write(msg, plan, this.chunk, this.used);
  }

  /** Everything appended since the last take, in order, as chunks to write one after another. */
  take(): Buffer[] {
    this.seal();
    const out = this.full.splice(0);
    this.sealed = 0;
    return out;
  }

  /** Hands back a chunk from {@link take} whose bytes are no longer needed (the socket wrote them). */
  recycle(chunk: Buffer): void {
    if (chunk.byteOffset !== 0 || chunk.buffer.byteLength !== this.chunkSize || this.free.length >= 8) return;
    this.free.push(Buffer.from(chunk.buffer, 0, this.chunkSize));
  }

  private seal(): void {
    if (!this.chunk || this.used === 0) return;
    this.full.push(this.chunk.subarray(0, this.used));
    this.sealed += this.used;
    this.chunk = undefined;
    this.used = 0;
  }
}

/** Frame bounds of the message being decoded (at most MAX_ROUTES + 5 frames get this far). */
const FRAME_STARTS = new Uint32Array(MAX_ROUTES + 5);
const FRAME_ENDS = new Uint32Array(MAX_ROUTES + 5);

function decodeString(bytes: Uint8Array, what: string): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new FluxProtocolError(`${what} is not valid UTF-8`);
  }
  if (text.includes('\0')) throw new FluxProtocolError(`${what} contains NUL`);
  return text;
}

/** The last few topics decoded, by their bytes (a stream's replies all carry the same topic). */
export class TopicCache {
  private readonly entries: Array<{ bytes: Buffer; text: string }> = [];

  /** The topic string of `body[start, end)`, decoded strictly (UTF-8, no NUL) the first time. */
  decode(body: Buffer, start: number, end: number): string {
    for (const entry of this.entries) if (entry.bytes.compare(body, start, end) === 0) return entry.text;
    const bytes = body.subarray(start, end);
    const text = decodeString(bytes, 'topic');
    if (this.entries.length >= 8) this.entries.pop();
    this.entries.unshift({ bytes: Buffer.from(bytes), text });
    return text;
  }
}

/**
 * Decodes one message body (the bytes after the stream header). Strict: frames must fill the
 * body exactly, PROTO must be last and valid, and the frame count must match the flags.
 * Throws {@link FluxProtocolError}.
 */
export function decodeMessageBody(body: Buffer, topics?: TopicCache): FluxMessage {
  return decodeMessageAt(body, 0, body.length, topics);
}

/** {@link decodeMessageBody} of `buffer[start, end)`, read in place (the payload is a view of `buffer`). */
function decodeMessageAt(buffer: Buffer, start: number, end: number, topics?: TopicCache): FluxMessage {
  // Scratch bounds shared by every call (decoding is synchronous): no arrays per message.
  const starts = FRAME_STARTS;
  const ends = FRAME_ENDS;
  let n = 0;
  let off = start;
  while (off < end) {
    if (n > MAX_ROUTES + 4) throw new FluxProtocolError(`more than ${MAX_ROUTES + 4} frames`);
    let size = buffer[off++] as number;
    if (size === 0xff) {
      if (off + 4 > end) throw new FluxProtocolError('frame size overruns the message');
      size = buffer.readUInt32BE(off);
      off += 4;
    }
    if (off + size > end) throw new FluxProtocolError(`frame of ${size} bytes overruns the message`);
    starts[n] = off;
    ends[n] = off + size;
    n++;
    off += size;
  }
  const protoStart = n > 0 ? starts[n - 1] : undefined;
  if (protoStart === undefined || ends[n - 1]! - protoStart !== PROTO_SIZE)
    throw new FluxProtocolError('last frame is not a 20-byte PROTO frame');
  if (buffer[protoStart] !== PROTO_MAGIC || buffer[protoStart + 1] !== PROTO_VERSION)
    throw new FluxProtocolError('bad PROTO magic or version');
  const type = buffer[protoStart + 2] as number;
  if (!TYPES.has(type)) throw new FluxProtocolError(`invalid message type ${type}`);
  const flags = buffer[protoStart + 3] as number;
  if (flags & FLUX_MSGFLAG.NORESPONSE && flags & FLUX_MSGFLAG.STREAMING)
    throw new FluxProtocolError('NORESPONSE with STREAMING');
  const msg: FluxMessage = {
    type: type as FluxMessageType,
    flags,
    userid: buffer.readUInt32BE(protoStart + 4),
    rolemask: buffer.readUInt32BE(protoStart + 8),
    aux1: buffer.readUInt32BE(protoStart + 12),
    aux2: buffer.readUInt32BE(protoStart + 16),
  };
  const tail = (flags & FLUX_MSGFLAG.TOPIC ? 1 : 0) + (flags & FLUX_MSGFLAG.PAYLOAD ? 1 : 0) + 1;
  let i = 0;
  if (flags & FLUX_MSGFLAG.ROUTE) {
    const delimiter = n - tail - 1;
    if (delimiter < 0 || ends[delimiter] !== starts[delimiter])
      throw new FluxProtocolError('ROUTE flag without a route delimiter');
    const routes: string[] = [];
    for (; i < delimiter; i++) {
      if (ends[i] === starts[i]) throw new FluxProtocolError('empty route id');
      routes.push(decodeString(buffer.subarray(starts[i], ends[i]), 'route id'));
    }
    msg.routes = routes;
    i++;
  } else if (n !== tail) throw new FluxProtocolError(`${n} frames where the flags call for ${tail}`);
  if (flags & FLUX_MSGFLAG.TOPIC) {
    const from = starts[i] as number;
    const to = ends[i] as number;
    msg.topic = topics ? topics.decode(buffer, from, to) : decodeString(buffer.subarray(from, to), 'topic');
    i++;
  }
  if (flags & FLUX_MSGFLAG.PAYLOAD) msg.payload = buffer.subarray(starts[i], ends[i]);
  return msg;
}

/**
 * Incremental stream decoder: feed it socket chunks split anywhere; it yields each complete
 * message. The header is checked as soon as its 8 bytes arrive (magic, 21 ≤ length ≤
 * {@link MAX_MESSAGE_SIZE}), so at most one message plus one chunk is ever buffered. After a
 * {@link FluxProtocolError} the decoder stays failed: every later call throws the same error.
 */
export class FluxDecoder {
  private chunks: Buffer[] = [];
  /** Bytes of `chunks[0]` already consumed (kept as an offset: no subarray per message). */
  private offset = 0;
  private buffered = 0;
  private need: number | undefined;
  private failure: FluxProtocolError | undefined;

  /** Bytes received but not yet decoded. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /** Decodes what `chunk` completes, lazily; throws {@link FluxProtocolError} where the stream breaks. */
  *decode(chunk: Uint8Array): Generator<FluxMessage, void, undefined> {
    if (this.failure) throw this.failure;
    this.append(chunk);
    for (let msg = this.next(); msg !== undefined; msg = this.next()) yield msg;
  }

  /**
   * {@link decode} without a generator: `onMessage` gets each message `chunk` completes until it
   * returns false (the rest stays buffered for the next call). Throws {@link FluxProtocolError}
   * where the stream breaks; an error `onMessage` throws passes through and fails nothing here.
   */
  decodeEach(chunk: Uint8Array, onMessage: (msg: FluxMessage) => boolean): void {
    if (this.failure) throw this.failure;
    this.append(chunk);
    for (let msg = this.next(); msg !== undefined && onMessage(msg); msg = this.next());
  }

  /** Decodes what `chunk` completes, all at once. */
  push(chunk: Uint8Array): FluxMessage[] {
    return [...this.decode(chunk)];
  }

  /** True when no partial message is buffered (a clean place for the stream to end). */
  isIdle(): boolean {
    return this.buffered === 0 && this.need === undefined;
  }

  /** Topics seen on this stream, reused instead of decoding the same bytes for every reply. */
  private readonly topics = new TopicCache();

  private append(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    this.buffered += chunk.length;
  }

  /**
   * The next complete message, or undefined until more bytes arrive. A broken stream fails the
   * decoder for good (every later call throws the same error).
   */
  private next(): FluxMessage | undefined {
    try {
      if (this.need === undefined) {
        if (this.buffered < STREAM_HEADER_SIZE) return undefined;
        // Read in place when the first chunk holds the 8 bytes, else gathered.
        let header = this.chunks[0] as Buffer;
        let at = this.offset;
        if (header.length - at >= STREAM_HEADER_SIZE) this.skip(header, STREAM_HEADER_SIZE);
        else {
          header = this.take(STREAM_HEADER_SIZE);
          at = 0;
        }
        if (header.readUInt32LE(at) !== STREAM_MAGIC)
          throw new FluxProtocolError(`bad stream magic ${header.subarray(at, at + 4).toString('hex')}`);
        const length = header.readUInt32BE(at + 4);
        if (length < MIN_MESSAGE_SIZE || length > MAX_MESSAGE_SIZE)
          throw new FluxProtocolError(`message length ${length} outside ${MIN_MESSAGE_SIZE}..${MAX_MESSAGE_SIZE}`);
        this.need = length;
      }
      const need = this.need;
      if (this.buffered < need) return undefined;
      this.need = undefined;
      const first = this.chunks[0] as Buffer;
      const at = this.offset;
      // The body in the first chunk (the usual case): read in place, no view of it per message.
      if (first.length - at < need) return decodeMessageBody(this.take(need), this.topics);
      this.skip(first, need);
      return decodeMessageAt(first, at, at + need, this.topics);
    } catch (err) {
      if (err instanceof FluxProtocolError) {
        this.failure = err;
        this.chunks = [];
        this.offset = 0;
        this.buffered = 0;
      }
      throw err;
    }
  }

  /** Consumes `n` bytes of `first` (the first chunk, which holds them). */
  private skip(first: Buffer, n: number): void {
    this.offset += n;
    this.buffered -= n;
    if (this.offset === first.length) {
      this.chunks.shift();
      this.offset = 0;
    }
  }

  private take(n: number): Buffer {
    const first = this.chunks[0] as Buffer;
    let out: Buffer;
    if (first.length - this.offset >= n) {
      out = first.subarray(this.offset, this.offset + n);
      this.offset += n;
      if (this.offset === first.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    } else {
      const parts: Buffer[] = [];
      let got = 0;
      while (got < n) {
        const c = this.chunks[0] as Buffer;
        const use = Math.min(c.length - this.offset, n - got);
        parts.push(c.subarray(this.offset, this.offset + use));
        got += use;
        this.offset += use;
        if (this.offset === c.length) {
          this.chunks.shift();
          this.offset = 0;
        }
      }
      out = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, n);
    }
    this.buffered -= n;
    return out;
  }
}
