/**
 * WeChat scenarios on demand: named sets of faults a developer applies from the control
 * surface's page (control.ts) to see how a frontend shows each outcome, without writing a test.
 * Each names the union member of `unbindOpenAccount` it produces on a gateway with default
 * settings, and queues exactly as many faults as that gateway's calls use up, so nothing is left
 * pending afterwards (test/simulator/control.test.ts checks each one against the gateway).
 */
import type { Fault } from './faults';

export const UNBIND = '/cgi-bin/open/unbind';
const GET = '/cgi-bin/open/get';

export interface Scenario {
  readonly name: string;
  /** What happens at WeChat. */
  readonly title: string;
  /** What the next `unbindOpenAccount` answers (from the demo data's happy path). */
  readonly produces: string;
  readonly faults: readonly Fault[];
  /** Done besides the faults. */
  readonly expireTokens?: boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'busy',
    title: 'WeChat is busy (errcode -1) on the next unbind and every retry of it',
    produces: 'OtherWeChatError (errcode -1, retryable)',
    faults: [{ path: UNBIND, kind: 'errcode', errcode: -1, errmsg: 'system error', times: 4 }],
  },
  {
    name: 'daily-quota',
    title: "The unbind API's daily quota is used up (errcode 45009) for the next unbind",
    produces: 'OtherWeChatError (errcode 45009, not retryable)',
    faults: [{ path: UNBIND, kind: 'errcode', errcode: 45009, times: 1 }],
  },
  {
    name: 'http-500',
    title: 'WeChat answers HTTP 500 to the next unbind and to its second send',
    produces: 'WeChatUnavailableError (HTTP_STATUS 500)',
    faults: [{ path: UNBIND, kind: 'http500', times: 2 }],
  },
  {
    name: 'drop-before',
    title: 'The connection drops before WeChat applies the next unbind',
    produces: 'UnbindOpenAccountSuccess (settled by a read, sent again once)',
    faults: [{ path: UNBIND, kind: 'drop', times: 1 }],
  },
  {
    name: 'drop-after',
    title: 'The connection drops after WeChat applied the next unbind',
    produces: 'UnbindOpenAccountSuccess (verifiedByRead: true)',
    faults: [{ path: UNBIND, kind: 'drop', afterApply: true, times: 1 }],
  },
  {
    name: 'outcome-unknown',
    title: 'The next unbind is applied but its answer is lost, and the read that would settle it fails (HTTP 500)',
    produces: 'OutcomeUnknownError (check first)',
    faults: [
      { path: UNBIND, kind: 'drop', afterApply: true, times: 1 },
      { path: GET, kind: 'http500', times: 1 },
    ],
  },
  {
    name: 'hang',
    title: 'The next unbind never answers',
    produces: 'OutcomeUnknownError at the operation deadline (no time was left for the read that would settle it)',
    faults: [{ path: UNBIND, kind: 'hang', times: 1 }],
  },
  {
    name: 'delay',
    title: 'The next unbind answers after 3 seconds',
    produces: 'UnbindOpenAccountSuccess, slowly',
    faults: [{ path: UNBIND, kind: 'delay', ms: 3000, times: 1 }],
  },
  {
    name: 'expire-tokens',
    title: 'Every access token expires now (the next call gets 42001)',
    produces: 'UnbindOpenAccountSuccess (the gateway fetches a new token once and sends again)',
    faults: [],
    expireTokens: true,
  },
];
