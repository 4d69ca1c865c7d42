/**
 * Responses caches can trust: an ETag on every GET, 304 when If-None-Match matches (`*`, a
 * list, weak tags — evaluated as an origin server must, whatever Cache-Control the request
 * carries: Express's freshness check answers 200 to every fetch() that adds `no-cache`),
 * `Vary: Accept-Encoding`, and bodies sent compressed with brotli or gzip. A body served over
 * and over is a Representation, compressed once per encoding on first demand.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import accepts from 'accepts';
import vary from 'vary';
import { etagOf } from './etag.ts';

/** Bodies smaller than this are sent as they are. */
const COMPRESS_FROM = 1024;

type Encoding = 'br' | 'gzip' | 'identity';

/** A body prepared once: its bytes, type and ETag, and its compressed forms made on first demand. */
export class Representation {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  private readonly encoded = new Map<Encoding, Buffer>();

  constructor(text: string | Buffer, type: string, etag?: string) {
    this.body = typeof text === 'string' ? Buffer.from(text) : text;
    this.type = type;
    this.etag = etag ?? etagOf(this.body.toString());
  }

  /** The body in `encoding`. */
  in(encoding: Encoding): Buffer {
    if (encoding === 'identity') return this.body;
    let out = this.encoded.get(encoding);
    if (!out) {
      out =
        encoding === 'br'
          ? brotliCompressSync(this.body, {
              params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: this.body.length },
            })
          : gzipSync(this.body, { level: 9 });
      this.encoded.set(encoding, out);
    }
    return out;
  }
}

/** The encoding a request accepts best, for a body of `size` bytes. */
function encodingFor(req: IncomingMessage, size: number): Encoding {
  if (size < COMPRESS_FROM) return 'identity';
  const accepted = accepts(req).encodings('br', 'gzip', 'identity');
  return accepted === 'br' || accepted === 'gzip' ? accepted : 'identity';
}

/** The tag without its weakness marker, for the weak comparison If-None-Match uses (RFC 9110 §8.8.3.2). */
const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/**
 * Whether If-None-Match names the current representation (RFC 9110 §13.1.2): `*`, or any tag in
 * its list by weak comparison. Cache-Control in the request plays no part: that is for caches.
 */
export function noneMatchHits(req: IncomingMessage, etag: string): boolean {
  const header = req.headers['if-none-match'];
  if (!header) return false;
  if (header.trim() === '*') return true;
  const current = opaque(etag);
  // a tag is quoted and may itself hold a comma: read the tags, not the commas
  return (header.match(/(?:W\/)?"[^"]*"/g) ?? []).some((tag) => opaque(tag) === current);
}

/** Sends a representation with its ETag and `cache` policy, or 304 when the client's copy is current. */
export function sendRepresentation(req: IncomingMessage, res: ServerResponse, rep: Representation, cache: string): void {
  res.setHeader('ETag', rep.etag);
  res.setHeader('Cache-Control', cache);
  vary(res, 'Accept-Encoding');
  if ((req.method === 'GET' || req.method === 'HEAD') && noneMatchHits(req, rep.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const encoding = encodingFor(req, rep.body.length);
  const body = rep.in(encoding);
  res.setHeader('Content-Type', rep.type);
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/**
 * Sends a body made for this request only (never cached): compressed when the client accepts it
 * and it is large enough — with settings fast enough to pay per request.
 */
export function sendComputed(req: IncomingMessage, res: ServerResponse, body: Buffer, type: string): void {
  vary(res, 'Accept-Encoding');
  const encoding = encodingFor(req, body.length);
  const out =
    encoding === 'br'
      ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
      : encoding === 'gzip'
        ? gzipSync(body, { level: 6 })
        : body;
  res.setHeader('Content-Type', type);
  if (encoding !== 'identity') res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', out.length);
  res.end(out);
}

/** Sends a value computed for this request as JSON with an ETag of its text, or 304. */
export function sendJson(req: IncomingMessage, res: ServerResponse, value: unknown, cache: string): void {
  sendRepresentation(req, res, new Representation(JSON.stringify(value), 'application/json; charset=utf-8'), cache);
}
