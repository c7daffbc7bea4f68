import { XMLParser } from 'fast-xml-parser';
import type { Logger } from 'pino';
import { StoreUnavailableError, type AppliedEvent, type Store } from '../../stores/store';
import { isAppId } from '../vocabulary/appid';
import type { AuthorizerTokenProvider } from '../tokens/authorizer-token';
import type { ComponentCredentials } from '../tokens/component-token';
import { decryptMessage, signatureMatches } from './crypto';
import { extractEncrypt, isFresh, readPushQuery } from './push-envelope';
import { PushLedger } from './push-ledger';

export interface CallbackOptions {
  /** A push's timestamp may be this many seconds from now, either way (WECHAT_COMPONENT_PUSH_WINDOW_SECONDS). */
  readonly windowSeconds: number;
  readonly now?: () => number;
}

/** What the callback answers; WeChat wants the plain text `success`, or it pushes again. */
export interface CallbackAnswer {
  readonly status: number;
  readonly text: string;
}

// Only the decrypted payload is parsed, after the signature held. Tag values stay strings (appids
// and tickets must not turn into numbers); entities are not expanded and a DOCTYPE is refused
// before parsing, so no entity tricks reach the parser.
const parser = new XMLParser({ parseTagValue: false, processEntities: false, ignoreAttributes: true, ignoreDeclaration: true, trimValues: true });

/**
 * The platform's "authorization event URL" (`POST /wechat/component/callback`): WeChat pushes the
 * `component_verify_ticket` every 10 minutes and the authorisation events here, as XML
 * `<xml><AppId/><Encrypt/></xml>` with `msg_signature`, `timestamp` and `nonce` in the query.
 *
 * Nothing is parsed or stored before the message proves itself: a timestamp within the window
 * and the signature over the encrypted text, found without an XML parser (bad, missing or stale:
 * 401); each signature is accepted once, on any replica (a replay or WeChat's own retry of an
 * applied push is answered `success` and not applied again); the payload must decrypt under the
 * EncodingAESKey and name this platform's appid (else 400). Authorisation events are applied in
 * CreateTime order per authorizer (push-ledger.ts). Then:
 * - `component_verify_ticket`: the ticket is stored (data), unless a newer one already is;
 * - `authorized` / `updateauthorized`: the code is exchanged with api_query_auth and the
 *   authorizer's refresh token stored;
 * - `unauthorized`: the authorizer's refresh token and token are forgotten.
 * The answer is `success`. When storing or the exchange fails, the answer is 503, so WeChat
 * pushes the event again (an authorisation code lasts an hour); except a code WeChat says is
 * used or expired (61010), which no re-push can fix. No credential (ticket, code,
 * token, key) is ever put in an answer or a log line.
 */
export class ComponentCallback {
  private readonly ledger: PushLedger;

  constructor(
    private readonly component: ComponentCredentials,
    private readonly store: Store,
    private readonly authorizers: AuthorizerTokenProvider,
    private readonly logger: Logger,
    private readonly options: CallbackOptions = { windowSeconds: 300 },
  ) {
    this.ledger = new PushLedger(store, component.appid, options.windowSeconds);
  }

  async handle(query: URLSearchParams, body: string): Promise<CallbackAnswer> {
    // Cheap checks first, and no XML parser before the signature holds (push-envelope.ts).
    const signed = readPushQuery(query);
    if (typeof signed === 'string') return this.refuse(401, signed);
    if (!isFresh(signed.timestamp, this.options.windowSeconds, (this.options.now ?? Date.now)())) {
      return this.refuse(401, `timestamp is more than ${this.options.windowSeconds} s from now`);
    }
    const encrypted = extractEncrypt(body);
    if (encrypted === undefined) return this.refuse(400, 'body is not an <xml> message with one Encrypt element');
    if (!signatureMatches(signed.signature, this.component.token, signed.timestamp, signed.nonce, encrypted)) {
      return this.refuse(401, 'msg_signature does not match');
    }
    try {
      if (!(await this.ledger.claim(signed.signature))) {
        this.logger.info('component push already received (a retry or a replay): answered success, not applied again');
        return SUCCESS;
      }
    } catch (error) {
      return this.storeDown(error, undefined);
    }
    const answer = await this.decryptAndApply(encrypted);
    // Not applied for a reason that may pass: WeChat's next attempt must not find it claimed.
    if (answer.status >= 500) await this.ledger.release(signed.signature).catch(() => undefined);
    return answer;
  }

  private async decryptAndApply(encrypted: string): Promise<CallbackAnswer> {
    const decrypted = decryptMessage(this.component.aesKey, encrypted, this.component.appid);
    if (!decrypted.ok) return this.refuse(400, `payload does not decrypt for this platform (${decrypted.reason})`);
    const event = parseXml(decrypted.xml);
    if (event === undefined) return this.refuse(400, 'decrypted payload is not XML');
    if (event['AppId'] !== undefined && event['AppId'] !== this.component.appid) return this.refuse(400, 'message is for another platform');
    try {
      return await this.apply(event);
    } catch (error) {
      return this.storeDown(error, event['InfoType']);
    }
  }

  private async apply(event: Record<string, unknown>): Promise<CallbackAnswer> {
    const infoType = typeof event['InfoType'] === 'string' ? event['InfoType'] : '';
    const createTime = Number(event['CreateTime']);
    switch (infoType) {
      case 'component_verify_ticket': {
        const ticket = event['ComponentVerifyTicket'];
        if (typeof ticket !== 'string' || ticket === '' || !Number.isFinite(createTime)) return this.refuse(400, 'ticket push without ComponentVerifyTicket or CreateTime');
        // Ordered by the store itself: a ticket older than the stored one is not kept.
        await this.store.putTicket(this.component.appid, { value: ticket, createTime });
        this.logger.info({ infoType, createTime }, 'component verify ticket stored');
        return SUCCESS;
      }
      case 'authorized':
      case 'updateauthorized': {
        const authorizerAppid = event['AuthorizerAppid'];
        const code = event['AuthorizationCode'];
        if (!isAppId(authorizerAppid) || typeof code !== 'string' || code === '' || !Number.isFinite(createTime)) {
          return this.refuse(400, `${infoType} event without AuthorizerAppid, AuthorizationCode or CreateTime`);
        }
        return this.inOrder(authorizerAppid, { createTime, infoType }, () => this.authorize(infoType, authorizerAppid, code));
      }
      case 'unauthorized': {
        const authorizerAppid = event['AuthorizerAppid'];
        if (!isAppId(authorizerAppid) || !Number.isFinite(createTime)) return this.refuse(400, 'unauthorized event without AuthorizerAppid or CreateTime');
        return this.inOrder(authorizerAppid, { createTime, infoType }, async () => {
          await this.authorizers.forget(authorizerAppid);
          this.logger.info({ infoType, authorizerAppid, createTime }, 'authorizer revoked the platform: refresh token forgotten');
          return SUCCESS;
        });
      }
      default:
        this.logger.info({ infoType }, 'component event ignored');
        return SUCCESS;
    }
  }

  private async authorize(infoType: string, authorizerAppid: string, code: string): Promise<CallbackAnswer> {
    const exchanged = await this.authorizers.exchangeAuthorizationCode(code);
    if (!exchanged.ok) {
      const f = exchanged.failure;
      // 61010: the code is used or expired. Pushing the same event again cannot help (it is a
      // repeat of a code already exchanged, or the merchant must authorise again): say so, once.
      if (f.kind === 'errcode' && f.errcode === CODE_USED_OR_EXPIRED) {
        this.logger.error({ infoType, authorizerAppid, errcode: f.errcode, rid: f.rid }, 'authorisation code used or expired (61010): nothing stored; if the authorizer cannot be called, the merchant must authorise again');
        return SUCCESS;
      }
      this.logger.error({ infoType, authorizerAppid, failure: f.kind, errcode: f.kind === 'errcode' ? f.errcode : undefined }, 'authorisation code exchange failed (WeChat will push the event again)');
      return { status: 503, text: 'authorisation not completed, push again' };
    }
    if (exchanged.data.authorizerAppid !== authorizerAppid) {
      this.logger.warn({ infoType, authorizerAppid, exchangedFor: exchanged.data.authorizerAppid }, 'api_query_auth answered for another appid than the event named');
    }
    this.logger.info({ infoType, authorizerAppid: exchanged.data.authorizerAppid }, 'authorizer refresh token stored');
    return SUCCESS;
  }

  /** Applies an authorizer's event unless a newer one was (push-ledger.ts); a stale one is still `success`. */
  private async inOrder(authorizerAppid: string, event: AppliedEvent, apply: () => Promise<CallbackAnswer>): Promise<CallbackAnswer> {
    const ordered = await this.ledger.inOrder(authorizerAppid, event, async () => {
      const answer = await apply();
      return { ok: answer.status === 200, result: answer };
    });
    if (ordered.applied) return ordered.result;
    if (ordered.why === 'busy') return { status: 503, text: 'another event of this authorizer is being applied, push again' };
    this.logger.info({ infoType: event.infoType, authorizerAppid, createTime: event.createTime }, 'component event older than the one applied last: answered success, not applied');
    return SUCCESS;
  }

  private storeDown(error: unknown, infoType: unknown): CallbackAnswer {
    if (!(error instanceof StoreUnavailableError)) throw error;
    this.logger.error({ infoType, detail: error.message }, 'component event not stored: credential store unavailable (WeChat will push it again)');
    return { status: 503, text: 'store unavailable, push again' };
  }

  private refuse(status: 400 | 401, reason: string): CallbackAnswer {
    this.logger.warn({ status, reason }, 'component callback refused; nothing stored');
    return { status, text: reason };
  }
}

const SUCCESS: CallbackAnswer = { status: 200, text: 'success' };

/** api_query_auth's answer for a code already exchanged, or past its hour. */
const CODE_USED_OR_EXPIRED = 61010;

/** The children of the root `<xml>` element, or undefined when the text is not such a document. */
function parseXml(text: string): Record<string, unknown> | undefined {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return undefined;
  try {
    const root = (parser.parse(text, true) as Record<string, unknown>)['xml'];
    return typeof root === 'object' && root !== null ? (root as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
