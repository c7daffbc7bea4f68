import type { Dispatcher } from 'undici';

/** WeChat's answer, read whole; or how large the answer said or turned out to be, unread past the limit. */
export type Exchanged = { readonly status: number; readonly text: string } | { readonly status: number; readonly tooLarge: number };

/**
 * One HTTP exchange over an undici dispatcher, the answer collected as a string: undici's
 * `request()` without its body stream. WeChat's answers are a few hundred bytes; `request()`
 * wraps each in a Node Readable and a consumer, which at thousands of calls a second was a
 * visible share of the gateway's allocation (bench/FINDINGS.md). Errors are undici's own (the
 * transport classifies them as before). `signal` ends the exchange at once, aborting it on the
 * wire if it started (a call still queued in the pool is then never sent). An answer larger than
 * `maxBytes`, by its Content-Length or as it arrives, is cut off.
 */
export function exchange(dispatcher: Dispatcher, options: Dispatcher.DispatchOptions, signal: AbortSignal | undefined, maxBytes: number): Promise<Exchanged> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let controller: Dispatcher.DispatchController | undefined;
    let status = 0;
    let bytes = 0;
    const chunks: Buffer[] = [];
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const cutOff = (c: Dispatcher.DispatchController, size: number) => {
      if (settle()) resolve({ status, tooLarge: size });
      c.abort(new Error('answer too large'));
    };
    function onAbort(): void {
      const reason = signal?.reason instanceof Error ? signal.reason : new Error('aborted');
      if (settle()) reject(reason);
      controller?.abort(reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(c) {
        controller = c;
        if (settled) c.abort(new Error('aborted before it was sent'));
      },
      onResponseStart(c, statusCode, headers) {
        if (statusCode < 200) return; // 1xx: the answer is still to come
        status = statusCode;
        const length = Number(headers['content-length'] ?? 0);
        if (length > maxBytes) cutOff(c, length);
      },
      onResponseData(c, chunk) {
        if (settled) return;
        bytes += chunk.length;
        if (bytes > maxBytes) cutOff(c, bytes);
        else chunks.push(chunk);
      },
      onResponseEnd() {
        if (settle()) resolve({ status, text: Buffer.concat(chunks, bytes).toString('utf8') });
      },
      onResponseError(_c, error) {
        if (settle()) reject(error);
      },
    };
    try {
      dispatcher.dispatch(options, handler);
    } catch (error) {
      if (settle()) reject(error);
    }
  });
}
