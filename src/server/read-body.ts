import type { IncomingMessage } from 'node:http';

/** A body read whole, or why it was not: the status and short code to answer with. */
export type BodyRead = { ok: true; text: string } | { ok: false; status: 400 | 413 | 415; code: RefusalCode };

type RefusalCode = 'body_too_large' | 'unsupported_encoding' | 'unsupported_charset' | 'request_aborted';

const refused = (status: 400 | 413 | 415, code: RefusalCode): BodyRead => ({ ok: false, status, code });

/** `charset=` of a Content-Type header, lower-cased; null when none is named. */
function charsetOf(contentType: string | undefined): string | null {
  const match = contentType ? /;\s*charset\s*=\s*"?([^";\s]*)"?/i.exec(contentType) : null;
  return match ? (match[1] as string).toLowerCase() : null;
}

/**
 * Reads a request body as UTF-8 text, up to `limit` bytes, refusing before a byte is read what it
 * would not decode: any Content-Encoding (no platform compresses its callbacks, so there is no
 * inflating and no decompression bomb), a charset other than UTF-8, a declared length over the
 * limit. A body that grows past the limit is refused as soon as it does, without buffering more.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return Promise.resolve(refused(415, 'unsupported_encoding'));
  const charset = charsetOf(req.headers['content-type']);
  if (charset !== null && charset !== 'utf-8' && charset !== 'utf8') {
    return Promise.resolve(refused(415, 'unsupported_charset'));
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit)
    return Promise.resolve(refused(413, 'body_too_large'));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (read: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      req.off('error', onClose);
      resolve(read);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // the rest is not wanted: the refusal closes the connection instead of reading it
        req.pause();
        finish(refused(413, 'body_too_large'));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      const text = Buffer.concat(chunks, size).toString('utf8');
      // a byte-order mark is no part of the text (body-parser, before, dropped it too)
      finish({ ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text });
    };
    const onClose = () => finish(refused(400, 'request_aborted'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('close', onClose);
    req.on('error', onClose);
  });
}

/**
 * Whether a request declares a body that has not all arrived. Answered and kept alive, such a
 * connection would have Node read and drop the rest, however large or endless: whoever answers
 * without reading it closes the connection instead.
 */
export function bodyStillComing(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const { 'content-length': length, 'transfer-encoding': chunked } = req.headers;
  return chunked !== undefined || Number(length ?? 0) > 0;
}
