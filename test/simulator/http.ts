/** Test helpers: real HTTP calls to a simulator, the way the gateway makes them. */
import { request } from 'undici';
import type { Simulator } from '../../src/simulator';

export interface Reply {
  status: number;
  text: string;
  /** The body parsed as JSON; throws when it is not JSON. */
  json(): WxJson;
}

export type WxJson = { errcode?: number; errmsg?: string; [key: string]: unknown };

export const RID = / rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/;

export async function send(sim: Simulator, method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
  const res = await request(`${sim.url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.body.text();
  return { status: res.statusCode, text, json: () => JSON.parse(text) as WxJson };
}

export async function post(sim: Simulator, path: string, body?: unknown, token?: string): Promise<WxJson> {
  const query = token === undefined ? '' : `?access_token=${encodeURIComponent(token)}`;
  return (await send(sim, 'POST', `${path}${query}`, body)).json();
}

export async function get(sim: Simulator, path: string, params: Record<string, string> = {}): Promise<WxJson> {
  const query = new URLSearchParams(params).toString();
  return (await send(sim, 'GET', query ? `${path}?${query}` : path)).json();
}

export async function stableToken(sim: Simulator, appid: string, secret: string, forceRefresh = false): Promise<string> {
  const answer = await post(sim, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret, force_refresh: forceRefresh });
  if (typeof answer.access_token !== 'string') throw new Error(`no token: ${JSON.stringify(answer)}`);
  return answer.access_token;
}

let next = 0;

/** A fresh WeChat-looking appid, so each test builds its own state on a shared simulator. */
export function newAppid(): string {
  next += 1;
  return `wx${(0xa000000000000000n + BigInt(next) * 7919n).toString(16)}`;
}

/** Adds an account and returns its appid and a valid token. */
export async function accountWithToken(
  sim: Simulator,
  a: { subject: string; permissionGranted?: boolean },
): Promise<{ appid: string; token: string }> {
  const appid = newAppid();
  const secret = 'f'.repeat(32);
  sim.state.accounts.addAccount({ appid, secret, ...a });
  return { appid, token: await stableToken(sim, appid, secret) };
}
