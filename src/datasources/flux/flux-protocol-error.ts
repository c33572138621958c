/**
 * The peer broke the framing or payload rules of the Flux protocol (bad magic, lengths, PROTO
 * frame, flags, frames, UTF-8 or JSON). The connection that produced it must be closed.
 */
export class FluxProtocolError extends Error {
  constructor(message: string) {
    super(`Flux protocol error: ${message}`);
    this.name = 'FluxProtocolError';
  }
}
