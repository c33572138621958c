/** Message types (PROTO byte 2). */
export const FLUX_MSGTYPE = { REQUEST: 1, RESPONSE: 2, EVENT: 4, CONTROL: 8 } as const;

/** Message flags (PROTO byte 3). NORESPONSE together with STREAMING is invalid. */
export const FLUX_MSGFLAG = {
  TOPIC: 0x01,
  PAYLOAD: 0x02,
  NORESPONSE: 0x04,
  ROUTE: 0x08,
  UPSTREAM: 0x10,
  PRIVATE: 0x20,
  STREAMING: 0x40,
  USER1: 0x80,
} as const;

/** Role bits (PROTO rolemask). */
export const FLUX_ROLE = { NONE: 0, OWNER: 1, USER: 2, LOCAL: 4, ADMIN: 8 } as const;

/** `userid` of a request whose credentials the connector stamps (0xFFFFFFFF). */
export const FLUX_USERID_UNKNOWN = 0xffffffff;
/** `nodeid` (aux1) of a request any broker rank may answer (0xFFFFFFFF). */
export const FLUX_NODEID_ANY = 0xffffffff;
/** Matchtag meaning "no response expected". */
export const FLUX_MATCHTAG_NONE = 0;

/** One of the four message types. */
export type FluxMessageType = (typeof FLUX_MSGTYPE)[keyof typeof FLUX_MSGTYPE];

/**
 * One Flux message (RFC 3) as the codec reads and writes it. Which optional frames exist is
 * decided by `flags` (TOPIC, PAYLOAD, ROUTE): the encoder writes `topic`/`payload`/`routes` iff
 * the matching flag is set.
 */
export interface FluxMessage {
  type: FluxMessageType;
  /** Bit set of {@link FLUX_MSGFLAG}. */
  flags: number;
  /** uint32; requests {@link FLUX_USERID_UNKNOWN}, responses the instance owner's uid. */
  userid: number;
  /** uint32 bit set of {@link FLUX_ROLE}. */
  rolemask: number;
  /** uint32: request nodeid, response errnum, event sequence, control type. */
  aux1: number;
  /** uint32: request/response matchtag, control status. */
  aux2: number;
  /** Route hop ids (ROUTE flag), outermost first; `[]` = just the delimiter. */
  routes?: string[];
  /** Topic (TOPIC flag), ASCII, no NUL. */
  topic?: string;
  /** Payload frame bytes (PAYLOAD flag), including the trailing NUL of JSON/text payloads. */
  payload?: Uint8Array;
}
