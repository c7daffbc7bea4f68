import { XMLParser } from 'fast-xml-parser';
import type { Logger } from 'pino';
import { StoreUnavailableError, type Store } from '../../stores/store';
import { isAppId } from '../vocabulary/appid';
import type { AuthorizerTokenProvider } from '../tokens/authorizer-token';
import type { ComponentCredentials } from '../tokens/component-token';
import { decryptMessage, signatureMatches } from './crypto';

/** What the callback answers; WeChat wants the plain text `success`, or it pushes again. */
export interface CallbackAnswer {
  readonly status: number;
  readonly text: string;
}

// Tag values stay strings (appids and tickets must not turn into numbers); entities are not
// expanded and a DOCTYPE is refused before parsing, so no entity tricks reach the parser.
const parser = new XMLParser({ parseTagValue: false, processEntities: false, ignoreAttributes: true, ignoreDeclaration: true, trimValues: true });

/**
 * The platform's "authorization event URL" (`POST /wechat/component/callback`): WeChat pushes the
 * `component_verify_ticket` every 10 minutes and the authorisation events here, as XML
 * `<xml><AppId/><Encrypt/></xml>` with `msg_signature`, `timestamp` and `nonce` in the query.
 *
 * Nothing is stored before the message proves itself: the signature is checked over the
 * encrypted text (bad or missing: 401), the payload must decrypt under the EncodingAESKey and
 * name this platform's appid (else 400). Then:
 * - `component_verify_ticket`: the ticket is stored (data), unless a newer one already is;
 * - `authorized` / `updateauthorized`: the code is exchanged with api_query_auth and the
 *   authorizer's refresh token stored;
 * - `unauthorized`: the authorizer's refresh token and token are forgotten.
 * The answer is `success`. When storing or the exchange fails, the answer is 503, so WeChat
 * pushes the event again (an authorisation code lasts an hour). No credential (ticket, code,
 * token, key) is ever put in an answer or a log line.
 */
export class ComponentCallback {
  constructor(
    private readonly component: ComponentCredentials,
    private readonly store: Store,
    private readonly authorizers: AuthorizerTokenProvider,
    private readonly logger: Logger,
  ) {}

  async handle(query: URLSearchParams, body: string): Promise<CallbackAnswer> {
    const outer = parseXml(body);
    const encrypted = outer?.['Encrypt'];
    if (outer === undefined || typeof encrypted !== 'string' || encrypted === '') return this.refuse(400, 'body is not an <xml> message with an Encrypt element');
    const signature = query.get('msg_signature') ?? '';
    const timestamp = query.get('timestamp') ?? '';
    const nonce = query.get('nonce') ?? '';
    if (signature === '' || !signatureMatches(signature, this.component.token, timestamp, nonce, encrypted)) {
      return this.refuse(401, 'msg_signature does not match');
    }
    const decrypted = decryptMessage(this.component.aesKey, encrypted, this.component.appid);
    if (!decrypted.ok) return this.refuse(400, `payload does not decrypt for this platform (${decrypted.reason})`);
    const event = parseXml(decrypted.xml);
    if (event === undefined) return this.refuse(400, 'decrypted payload is not XML');
    if (event['AppId'] !== undefined && event['AppId'] !== this.component.appid) return this.refuse(400, 'message is for another platform');
    try {
      return await this.apply(event);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      this.logger.error({ infoType: event['InfoType'], detail: error.message }, 'component event not stored: credential store unavailable (WeChat will push it again)');
      return { status: 503, text: 'store unavailable, push again' };
    }
  }

  private async apply(event: Record<string, unknown>): Promise<CallbackAnswer> {
    const infoType = typeof event['InfoType'] === 'string' ? event['InfoType'] : '';
    switch (infoType) {
      case 'component_verify_ticket': {
        const ticket = event['ComponentVerifyTicket'];
        const createTime = Number(event['CreateTime']);
        if (typeof ticket !== 'string' || ticket === '' || !Number.isFinite(createTime)) return this.refuse(400, 'ticket push without ComponentVerifyTicket or CreateTime');
        await this.store.putTicket(this.component.appid, { value: ticket, createTime });
        this.logger.info({ infoType, createTime }, 'component verify ticket stored');
        return SUCCESS;
      }
      case 'authorized':
      case 'updateauthorized': {
        const authorizerAppid = event['AuthorizerAppid'];
        const code = event['AuthorizationCode'];
        if (!isAppId(authorizerAppid) || typeof code !== 'string' || code === '') return this.refuse(400, `${infoType} event without AuthorizerAppid or AuthorizationCode`);
        const exchanged = await this.authorizers.exchangeAuthorizationCode(code);
        if (!exchanged.ok) {
          const f = exchanged.failure;
          this.logger.error({ infoType, authorizerAppid, failure: f.kind, errcode: f.kind === 'errcode' ? f.errcode : undefined }, 'authorisation code exchange failed (WeChat will push the event again)');
          return { status: 503, text: 'authorisation not completed, push again' };
        }
        if (exchanged.data.authorizerAppid !== authorizerAppid) {
          this.logger.warn({ infoType, authorizerAppid, exchangedFor: exchanged.data.authorizerAppid }, 'api_query_auth answered for another appid than the event named');
        }
        this.logger.info({ infoType, authorizerAppid: exchanged.data.authorizerAppid }, 'authorizer refresh token stored');
        return SUCCESS;
      }
      case 'unauthorized': {
        const authorizerAppid = event['AuthorizerAppid'];
        if (!isAppId(authorizerAppid)) return this.refuse(400, 'unauthorized event without AuthorizerAppid');
        await this.authorizers.forget(authorizerAppid);
        this.logger.info({ infoType, authorizerAppid }, 'authorizer revoked the platform: refresh token forgotten');
        return SUCCESS;
      }
      default:
        this.logger.info({ infoType }, 'component event ignored');
        return SUCCESS;
    }
  }

  private refuse(status: 400 | 401, reason: string): CallbackAnswer {
    this.logger.warn({ status, reason }, 'component callback refused; nothing stored');
    return { status, text: reason };
  }
}

const SUCCESS: CallbackAnswer = { status: 200, text: 'success' };

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
