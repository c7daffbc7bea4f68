import type { IncomingMessage, RequestListener } from 'node:http';
import type { Logger } from 'pino';

/** What a text route answers. */
export interface TextAnswer {
  readonly status: number;
  readonly text: string;
}

/**
 * A route that takes a raw text body (WeChat's XML pushes), not JSON: POST only, the body read
 * up to `limitBytes` (413 beyond, without buffering the rest), and a plain-text answer. A client
 * that goes away before its body is complete is nobody's error: a debug line, nothing handled.
 */
export function textRoute(limitBytes: number, handle: (query: URLSearchParams, body: string) => Promise<TextAnswer>, logger?: Logger): RequestListener {
  return async (req, res) => {
    const answer = (status: number, text: string) => {
      res.statusCode = status;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(text);
    };
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return answer(405, 'POST only');
    }
    let body: string | undefined;
    try {
      body = await readBody(req, limitBytes);
    } catch (error) {
      logger?.debug({ path: req.url?.split('?', 1)[0], reason: (error as Error).message }, 'request body aborted by the client');
      res.destroy();
      return;
    }
    if (body === undefined) {
      res.setHeader('connection', 'close');
      return answer(413, 'body too large');
    }
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const result = await handle(query, body);
    answer(result.status, result.text);
  };
}

/** The body as UTF-8, or undefined when it is larger than `limitBytes`. */
function readBody(req: IncomingMessage, limitBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limitBytes) {
      req.resume();
      resolve(undefined);
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.removeAllListeners('data');
        req.resume();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
