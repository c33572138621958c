import type { ServerResponse } from 'node:http';
import { pythonJson } from './elog-sim-json';

/** An answer the router sends: status, content type, body. */
export interface SimReply {
  status: number;
  contentType: string;
  body: string | Uint8Array;
  headers?: Record<string, string>;
}

/** Every response of a matched route is relabelled JSON when missing or `text/html` (explgbk `addHeaders`). */
export const JSON_TYPE = 'application/json; charset=utf-8';

const TITLES: Record<number, [string, string]> = {
  400: ['Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'],
  403: [
    'Forbidden',
    "You don't have the permission to access the requested resource. It is either read-protected or not readable by the server.",
  ],
  404: [
    'Not Found',
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.',
  ],
  415: ['Unsupported Media Type', 'The server does not support the media type transmitted in the request.'],
  423: ['Locked', 'The resource that is being accessed is locked.'],
  500: ['Internal Server Error', 'The server encountered an internal error and was unable to complete your request.'],
};

/** A Werkzeug error page. `matched` routes get it labelled JSON, as the real blueprint hook does. */
export function htmlError(status: number, matched: boolean): SimReply {
  const [title, text] = TITLES[status] ?? ['Error', 'Error'];
  const body = `<!doctype html>\n<html lang=en>\n<title>${status} ${title}</title>\n<h1>${title}</h1>\n<p>${text}</p>\n`;
  return { status, contentType: matched ? JSON_TYPE : 'text/html; charset=utf-8', body };
}

/** `logAndAbort`: a plain-text message, labelled JSON. */
export function textError(status: number, message: string): SimReply {
  return { status, contentType: JSON_TYPE, body: message };
}

/** `{"success": true, "value": …}` (no `value` key when undefined). */
export function ok(value?: unknown): SimReply {
  return {
    status: 200,
    contentType: JSON_TYPE,
    body: pythonJson(value === undefined ? { success: true } : { success: true, value }),
  };
}

/** A write's success as explgbk's workflow routes answer it: `{"success": true, "errormsg": "", "value": …}`. */
export function okWrite(value: unknown): SimReply {
  return { status: 200, contentType: JSON_TYPE, body: pythonJson({ success: true, errormsg: '', value }) };
}

/** `{"success": false, "errormsg": …, "value": null}`: a business-rule refusal, HTTP 200. */
export function refused(errormsg: string): SimReply {
  return { status: 200, contentType: JSON_TYPE, body: pythonJson({ success: false, errormsg, value: null }) };
}

/** The proxy's 401 (ISO-8859-1 HTML with a challenge). */
export function proxyUnauthorized(challenge: string): SimReply {
  return {
    status: 401,
    contentType: 'text/html; charset=iso-8859-1',
    headers: { 'www-authenticate': challenge },
    body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>401 Unauthorized</title>\n</head><body>\n<h1>Unauthorized</h1>\n</body></html>\n',
  };
}

/** Writes a reply; for HEAD the headers only (Content-Length of the body that GET would send). */
export function sendReply(res: ServerResponse, reply: SimReply, head = false): void {
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : Buffer.from(reply.body);
  res.writeHead(reply.status, {
    'content-type': reply.contentType,
    'content-length': String(body.length),
    ...reply.headers,
  });
  res.end(head ? undefined : body);
}
