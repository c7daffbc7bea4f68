import type { RequestListener } from 'node:http';
import { clientAddress } from './client-address';

/**
 * A route limited per client address before it reads the body: `charge` answers the seconds
 * to wait when the address is over its limit, and the request is then answered 429 with
 * `Retry-After`, its body left unread (the connection is closed rather than drained).
 */
export function limitPerAddress(charge: (address: string) => Promise<number | undefined>, trustedProxies: number, route: RequestListener): RequestListener {
  return async (req, res) => {
    const retryAfterSeconds = await charge(clientAddress(req, trustedProxies));
    if (retryAfterSeconds === undefined) return route(req, res);
    res.statusCode = 429;
    res.setHeader('retry-after', String(retryAfterSeconds));
    res.setHeader('content-type', 'text/plain; charset=utf-8');
    res.setHeader('connection', 'close');
    res.end(`too many requests from this address; retry after ${retryAfterSeconds} s`);
  };
}
