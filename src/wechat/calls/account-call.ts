import type { Deadline } from '../transport/deadline';
import type { WeChatResult } from '../vocabulary/result';
import type { TokenProvider } from '../tokens/token-provider';
import type { WeChatBody, WeChatTransport } from '../transport/wechat-transport';
import { withToken } from '../tokens/with-token';

/**
 * Makes one WeChat call for an account with that account's access token in the query
 * (`?access_token=`: its own token, or its authorizer token when a platform acts for it), with
 * one refresh and one retry when WeChat refuses the token, within the operation's deadline.
 */
export class AccountCaller {
  constructor(
    private readonly transport: WeChatTransport,
    private readonly tokens: TokenProvider,
    private readonly deadline?: Deadline,
  ) {}

  /** The same caller, ending its calls when `deadline` passes (one GraphQL operation's deadline). */
  withDeadline(deadline: Deadline): AccountCaller {
    return new AccountCaller(this.transport, this.tokens, deadline);
  }

  call(appid: string, method: 'GET' | 'POST', path: string, body: object | undefined): Promise<WeChatResult<WeChatBody>> {
    return withToken(this.tokens, appid, (accessToken) =>
      this.transport.send({ method, path, query: { access_token: accessToken }, body, deadline: this.deadline }),
    );
  }
}

/** errcode 0 without the fields the call promises is not a success the gateway can report. */
export function malformedAnswer<T>(detail: string): WeChatResult<T> {
  return { ok: false, failure: { kind: 'unavailable', reason: 'bad-response', sent: 'maybe', detail, stage: 'call' } };
}

/** A non-negative integer field of an answer, or undefined. */
export function countField(fields: Readonly<Record<string, unknown>>, name: string): number | undefined {
  const value = fields[name];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/** An object field of an answer, or undefined. */
export function objectField(fields: Readonly<Record<string, unknown>>, name: string): Readonly<Record<string, unknown>> | undefined {
  const value = fields[name];
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
