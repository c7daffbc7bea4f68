/**
 * WeChat's errcodes as data: what each one means for the caller, how to fix it, and whether the
 * same call may simply be tried again later. The GraphQL layer turns these into the `message`
 * and `retryable` fields of its error types; nothing else in the gateway matches on errmsg,
 * which WeChat sends inconsistently (sometimes empty, usually with a ` rid: …` suffix).
 */
export interface ErrcodeInfo {
  /** What happened, in words a developer can act on, including the fix. */
  readonly explanation: string;
  /** True when the same request can succeed later without anyone changing anything. */
  readonly retryable: boolean;
  /** When the same request can succeed again: 45011 means "next minute", not "in 100 ms". */
  readonly retryAfter?: 'next-minute';
}

/** Token errors: the access token in the URL was refused. One refresh and one retry fix them. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/**
 * 89501–89507: the token was asked for from an IP address the account's admin has not confirmed;
 * WeChat waits for the admin (89503 "please wait for the admin to confirm"). Nothing the gateway
 * can retry: the admin must confirm, or the IP be whitelisted.
 */
const IP_CONFIRMATION: ReadonlyArray<[number, ErrcodeInfo]> = [89501, 89502, 89503, 89504, 89505, 89506, 89507].map((errcode) => [
  errcode,
  {
    retryable: false,
    explanation: `WeChat is waiting for the account's admin to confirm the gateway's outbound IP address (errcode ${errcode}). Ask the admin to confirm it in the WeChat notice they received, or add the IP to the account's IP whitelist, then try again.`,
  },
]);

const CATALOGUE: ReadonlyMap<number, ErrcodeInfo> = new Map<number, ErrcodeInfo>([
  [-1, { retryable: true, explanation: 'WeChat is busy (system error). Try again in a few seconds.' }],
  [40001, { retryable: true, explanation: 'WeChat refused the access token (invalid or no longer the latest). The gateway refreshes it and retries once; if this persists, another system may be force-refreshing the same account\'s token.' }],
  [40002, { retryable: false, explanation: 'WeChat refused the token request: invalid grant_type.' }],
  [40013, { retryable: false, explanation: 'WeChat does not recognise the appid or open_appid, or the appid is not the account the access token belongs to. Check the spelling and case of both ids.' }],
  [40014, { retryable: true, explanation: 'WeChat refused the access token as invalid. The gateway refreshes it and retries once.' }],
  [40125, { retryable: false, explanation: 'WeChat refused the appsecret configured for this appid. Update its entry in WECHAT_APPS with the current secret from the WeChat console.' }],
  [40164, { retryable: false, explanation: 'The gateway\'s outbound IP address is not on the account\'s IP whitelist. Add it in the WeChat console.' }],
  [41001, { retryable: false, explanation: 'WeChat received no access token.' }],
  [41002, { retryable: false, explanation: 'WeChat received no appid.' }],
  [41004, { retryable: false, explanation: 'WeChat received no appsecret.' }],
  [42001, { retryable: true, explanation: 'The access token expired. The gateway refreshes it and retries once.' }],
  [45009, { retryable: false, explanation: 'The account has reached its daily quota for this API. The quota resets at midnight (Beijing time), or can be reset in the WeChat console.' }],
  [45011, { retryable: true, retryAfter: 'next-minute', explanation: "The account has reached this API's per-minute quota. Try again in the next minute (retryAfterSeconds); retrying sooner only spends quota." }],
  [47001, { retryable: false, explanation: 'WeChat could not parse the request body.' }],
  [48001, { retryable: false, explanation: 'The account has not granted this API: an Official Account needs permission set 24 and a Mini Program permission set 25 (authorised to the platform, or enabled in the WeChat console). A platform must call it with the authorizer\'s token, not its component token.' }],
  [48006, { retryable: false, explanation: 'The account has reset its API quotas 10 times this month, the most WeChat allows. Wait for next month, or raise the quota in the WeChat console.' }],
  [43001, { retryable: false, explanation: 'WeChat expected a GET for this API (require GET method): the gateway used the wrong HTTP method. Nothing was done; report it as a gateway bug.' }],
  [43002, { retryable: false, explanation: 'WeChat expected a POST for this API (require POST method): the gateway used the wrong HTTP method. Nothing was done; report it as a gateway bug.' }],
  [44002, { retryable: false, explanation: 'WeChat received an empty POST body (empty post data). Nothing was done; report it as a gateway bug.' }],
  [61003, { retryable: false, explanation: 'The account has not authorised this third-party platform, or has revoked it. Ask the merchant to authorise the platform again.' }],
  [61010, { retryable: false, explanation: 'The authorisation code is used or has expired (codes work once, within an hour). If it was a repeated push of a code already exchanged, nothing is needed; else ask the merchant to authorise the platform again.' }],
  [61011, { retryable: false, explanation: 'WeChat does not know WECHAT_COMPONENT_APPID as a third-party platform (invalid component). Check WECHAT_COMPONENT_APPID against the WeChat Open Platform console.' }],
  [61004, { retryable: false, explanation: 'The gateway\'s outbound IP address is not on the third-party platform\'s whitelist.' }],
  [61005, { retryable: true, explanation: 'The component_verify_ticket has expired; WeChat pushes a new one every 10 minutes.' }],
  [61006, { retryable: true, explanation: 'The component_verify_ticket is invalid; WeChat pushes a new one every 10 minutes.' }],
  [61023, { retryable: false, explanation: 'The authorizer refresh token is invalid: the merchant must authorise the platform again.' }],
  [76001, { retryable: false, explanation: 'WeChat has no request with this rid: it keeps them for 7 days, and only for calls that reached it. Check the rid was copied whole.' }],
  [76002, { retryable: false, explanation: 'The rid is not one WeChat issues (three groups of 8 hex digits, e.g. 6745a3f1-2b0c1d3e-4f5a6b7c). Copy it from the error\'s requestId.' }],
  [76003, { retryable: false, explanation: 'The rid belongs to a call another account (or platform) made: only the account that made the call, or its platform with the authorizer\'s token, may read it. Ask with the appid that made the call.' }],
  [76021, { retryable: false, explanation: 'WeChat does not know this cgi_path, or it is malformed. Give the API\'s path as WeChat documents it, e.g. /cgi-bin/open/unbind (no domain, no query).' }],
  [76022, { retryable: false, explanation: 'This kind of token cannot query the quota of this cgi_path (e.g. an API a third-party platform calls with its own component token). Ask for it with the credentials that call the API.' }],
  [89000, { retryable: false, explanation: 'The account is already bound to an open platform account. Unbind it first, or query its open account.' }],
  [89001, { retryable: false, explanation: 'The account and the open platform account belong to different owners (subjects). Only accounts of the same owner can be bound together.' }],
  [89002, { retryable: false, explanation: 'The account is not bound to that open platform account (or to any).' }],
  [89003, { retryable: false, explanation: 'The open platform account was not created through the API (createOpenAccount), so the API cannot unbind from it. Unbind in the WeChat Open Platform web console.' }],
  [89004, { retryable: false, explanation: 'The open platform account holds more accounts than its limit allows (at most 100 bound accounts), so WeChat refuses changes to it. Reduce its members or verify it in the WeChat console.' }],
  [89036, { retryable: false, explanation: 'The open platform account was not created through the API and is not verified, so accounts cannot be bound to it through the API.' }],
  ...IP_CONFIRMATION,
]);

/**
 * What an errcode means for one WeChat path, where it differs from the catalogue: `have` is in
 * permission sets 3 and 30, not 24/25 like the rest of the open-account family.
 */
const BY_PATH: ReadonlyMap<string, ReadonlyMap<number, ErrcodeInfo>> = new Map([
  [
    '/cgi-bin/open/have',
    new Map([[48001, { retryable: false, explanation: 'The account has not granted this API: haveOpenAccount needs permission set 3 or 30 (authorised to the platform, or enabled in the WeChat console).' }]]),
  ],
]);

/** Looks up an errcode (as answered on `path`, if given); unknown codes are explained generically and not retried. */
export function describeErrcode(errcode: number, path?: string): ErrcodeInfo {
  return (
    (path === undefined ? undefined : BY_PATH.get(path)?.get(errcode)) ??
    CATALOGUE.get(errcode) ?? {
      retryable: false,
      explanation: `WeChat answered errcode ${errcode}, which this gateway does not know. Look it up in WeChat's global return code list.`,
    }
  );
}

/**
 * WeChat appends the request id to errmsg (`"invalid appid rid: 6745a3f1-2b0c1d3e-4f5a6b7c"`).
 * It is the one thing WeChat support asks for, so it is surfaced on its own.
 */
export function requestIdOf(errmsg: string): string | undefined {
  return /\brid:\s*([\w-]+)/.exec(errmsg)?.[1];
}

/**
 * How long to wait before the same request can succeed, in whole seconds, for errcodes whose
 * meaning includes a time (45011: "retry next minute"); undefined for the rest. At least 1.
 */
export function retryAfterSeconds(errcode: number, nowMs: number = Date.now()): number | undefined {
  if (CATALOGUE.get(errcode)?.retryAfter !== 'next-minute') return undefined;
  return 60 - Math.floor((nowMs % 60_000) / 1000);
}
