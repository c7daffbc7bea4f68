import type { ServerResponse } from 'node:http';

/**
 * Headers on every GraphQL answer: a browser must not sniff a JSON answer into something it
 * renders or runs, and no cache (browser, proxy, CDN) may keep an answer, which may be one
 * caller's data or an error about its credentials.
 */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cache-control', 'no-store');
}
