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
}

/** Token errors: the access token in the URL was refused. One refresh and one retry fix them. */
export const TOKEN_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

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
  [45011, { retryable: true, explanation: 'Calls are too frequent. Try again in a minute.' }],
  [47001, { retryable: false, explanation: 'WeChat could not parse the request body.' }],
  [48001, { retryable: false, explanation: 'The account has not granted this API: an Official Account needs permission set 24 and a Mini Program permission set 25 (authorised to the platform, or enabled in the WeChat console).' }],
  [61003, { retryable: false, explanation: 'The account has not authorised this third-party platform. Ask the merchant to authorise it.' }],
  [61004, { retryable: false, explanation: 'The gateway\'s outbound IP address is not on the third-party platform\'s whitelist.' }],
  [61005, { retryable: true, explanation: 'The component_verify_ticket has expired; WeChat pushes a new one every 10 minutes.' }],
  [61006, { retryable: true, explanation: 'The component_verify_ticket is invalid; WeChat pushes a new one every 10 minutes.' }],
  [61023, { retryable: false, explanation: 'The authorizer refresh token is invalid: the merchant must authorise the platform again.' }],
  [89000, { retryable: false, explanation: 'The account is already bound to an open platform account. Unbind it first, or query its open account.' }],
  [89001, { retryable: false, explanation: 'The account and the open platform account belong to different owners (subjects). Only accounts of the same owner can be bound together.' }],
  [89002, { retryable: false, explanation: 'The account is not bound to that open platform account (or to any).' }],
  [89003, { retryable: false, explanation: 'The open platform account was not created through the API (createOpenAccount), so the API cannot unbind from it. Unbind in the WeChat Open Platform web console.' }],
  [89004, { retryable: false, explanation: 'The open platform account holds more accounts than its limit allows (at most 100 bound accounts), so WeChat refuses changes to it. Reduce its members or verify it in the WeChat console.' }],
  [89036, { retryable: false, explanation: 'The open platform account was not created through the API and is not verified, so accounts cannot be bound to it through the API.' }],
]);

/** Looks up an errcode; unknown codes are explained generically and not retried. */
export function describeErrcode(errcode: number): ErrcodeInfo {
  return (
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
