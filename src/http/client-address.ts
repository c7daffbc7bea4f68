import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * The address of the client a request came from, for per-address limits and log lines.
 *
 * `X-Forwarded-For` is anyone's to write, so it is read only when `trustedProxies` (the number
 * of reverse proxies in front of the gateway, TRUSTED_PROXY_COUNT) says so: each proxy appends
 * the address it received the request from, so the client is the entry `trustedProxies` from the
 * right (the nearest proxy being the socket's peer). Entries further left were written by the
 * client and are ignored. Without trusted proxies, or when the header is shorter than the chain
 * or not an address, the socket's peer address is the client.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string {
  const peer = normalize(req.socket.remoteAddress ?? 'unknown');
  if (trustedProxies <= 0) return peer;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((entry) => entry.trim()).filter(Boolean);
  const client = entries[entries.length - trustedProxies];
  return client !== undefined && isIP(client) !== 0 ? normalize(client) : peer;
}

/** IPv4 clients of a dual-stack socket appear as `::ffff:1.2.3.4`; one key per client either way. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
