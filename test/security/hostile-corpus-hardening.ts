/**
 * The hostile corpus, continued: the cases of issue 13 (hardening), as data, sent by
 * hostile-corpus.test.ts with the rest and held to the same rules (no 5xx, nothing sent to WeChat
 * for a refused case, no secret in any response or log line).
 */
import type { SignedPush } from '../../src/simulator';
import type { HostileCase, HostileRequest } from './hostile-corpus';

export interface HardeningInputs {
  readonly appid: string;
  /** JWT: read and write on every appid ("*"). */
  readonly starToken: string;
  /** JWT: read only, every appid. */
  readonly readOnlyToken: string;
  /** JWT: no scope and no appids. */
  readonly noScopeToken: string;
  /** JWT valid for ten years. */
  readonly longLivedToken: string;
  /** JWT whose `iat` is an hour ahead. */
  readonly issuedLaterToken: string;
  /** The platform's appid, and a push signed as WeChat signs them (timestamp: now, unless given). */
  readonly componentAppid: string;
  readonly push: (xml: string, timestamp?: string) => SignedPush;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const CALLBACK = '/wechat/component/callback';

export function buildHardeningCorpus(inputs: HardeningInputs): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (category: string, name: string, request: HostileRequest, expect: HostileCase['expect'] = 'refused') =>
    cases.push({ category, name, request, expect });
  const bearer = (token: string) => ({ ...JSON_TYPE, authorization: `Bearer ${token}` });
  const gql = (query: string, variables?: unknown, extra: object = {}) => JSON.stringify({ query, ...(variables === undefined ? {} : { variables }), ...extra });
  const READ = 'query($a: String!) { openAccount(appid: $a) { __typename } }';
  const { appid } = inputs;
  const reps = (n: number) => Array.from({ length: n }, () => ({ __typename: 'WeChatApp', appid }));
  const aliased = (n: number) => `query($r: [_Any!]!) { ${Array.from({ length: n }, (_, i) => `e${i}: _entities(representations: $r) { ... on WeChatApp { openAccount { __typename } } }`).join(' ')} }`;

  // --- Work per operation, not per field.
  add('work', '30 aliased _entities × 500 representations, no scope', { headers: bearer(inputs.noScopeToken), body: gql(aliased(30), { r: reps(500) }) });
  add('work', '30 aliased _entities × 500 representations, all-appid reader', { headers: bearer(inputs.readOnlyToken), body: gql(aliased(30), { r: reps(500) }) });
  add('work', '2 aliased _entities × 300 representations (600 > 500)', { headers: bearer(inputs.starToken), body: gql(aliased(2), { r: reps(300) }) });
  add('work', 'representations through a fragment spread and an inline fragment (501)', {
    headers: bearer(inputs.starToken),
    body: gql(`query($r: [_Any!]!) { ...F ... on Query { b: _entities(representations: [{__typename: "WeChatApp", appid: "${appid}"}]) { __typename } } } fragment F on Query { a: _entities(representations: $r) { __typename } }`, { r: reps(500) }),
  });
  add('work', '500 entities × 3 reads each (1,500 reads > 1,000)', {
    headers: bearer(inputs.readOnlyToken),
    body: gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on WeChatApp { hasOpenAccount { __typename } openAccount { ... on OpenAccount { app { hasOpenAccount { __typename } } } } } } }`, { r: reps(500) }),
  });
  add('work', 'the cap exactly: 500 representations of one appid (read once)', { headers: bearer(inputs.readOnlyToken), body: gql(aliased(1), { r: reps(500) }) }, 'served');

  // --- Operator surfaces.
  add('surfaces', '_service { sdl } without the federation scope', { headers: bearer(inputs.starToken), body: gql('{ _service { sdl } }') });
  add('surfaces', 'a client asking for inline traces (served, without ftv1)', { headers: { ...bearer(inputs.readOnlyToken), 'apollo-federation-include-trace': 'ftv1' }, body: gql(READ, { a: appid }) }, 'served');

  // --- Client mistakes are client errors.
  add('mistakes', 'a subscription', { headers: bearer(inputs.starToken), body: gql(`subscription { openAccount(appid: "${appid}") { __typename } }`) });
  add('mistakes', 'a persisted query of version 2', { headers: bearer(inputs.starToken), body: gql('{ __typename }', undefined, { extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } } }) });
  add('mistakes', 'a persisted query whose hash does not match', { headers: bearer(inputs.starToken), body: gql('{ __typename }', undefined, { extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } }) });
  add('mistakes', 'a persisted query with a string version', { headers: bearer(inputs.starToken), body: gql('{ __typename }', undefined, { extensions: { persistedQuery: { version: '1', sha256Hash: 'c'.repeat(64) } } }) });

  // --- Token lifetimes.
  add('tokens', 'a JWT valid for ten years', { headers: bearer(inputs.longLivedToken), body: gql(READ, { a: appid }) });
  add('tokens', 'a JWT issued an hour from now', { headers: bearer(inputs.issuedLaterToken), body: gql(READ, { a: appid }) });

  // --- Platform pushes: nothing parsed or applied before the signature and the timestamp hold.
  const path = (push: Pick<SignedPush, 'query'>, query: Partial<SignedPush['query']> = {}) => `${CALLBACK}?${new URLSearchParams({ ...push.query, ...query })}`;
  const text = { 'content-type': 'text/xml' };
  const revoke = (createTime: number) => `<xml><AppId><![CDATA[${inputs.componentAppid}]]></AppId><CreateTime>${createTime}</CreateTime><InfoType><![CDATA[unauthorized]]></InfoType><AuthorizerAppid><![CDATA[${appid}]]></AuthorizerAppid></xml>`;
  const from2001 = inputs.push(revoke(1_000_000_000), '1000000000');
  add('pushes', 'an unauthorized push signed in 2001', { path: path(from2001), headers: text, body: from2001.body });
  const ahead = inputs.push(revoke(Math.floor(Date.now() / 1000)), String(Math.floor(Date.now() / 1000) + 86_400));
  add('pushes', 'a push signed a day ahead', { path: path(ahead), headers: text, body: ahead.body });
  const fresh = inputs.push(revoke(Math.floor(Date.now() / 1000)));
  add('pushes', 'a fresh push with a forged signature', { path: path(fresh, { msg_signature: 'f'.repeat(40) }), headers: text, body: fresh.body });
  add('pushes', 'digits moved from the timestamp to the nonce', { path: path(fresh, { timestamp: fresh.query.timestamp.slice(0, -1), nonce: `${fresh.query.timestamp.slice(-1)}${fresh.query.nonce}` }), headers: text, body: fresh.body });
  add('pushes', 'two Encrypt elements', { path: path(fresh), headers: text, body: fresh.body.replace('</xml>', `<Encrypt><![CDATA[${fresh.encrypted}]]></Encrypt></xml>`) });
  add('pushes', '60 KB of nesting around Encrypt, forged signature', { path: path(fresh, { msg_signature: 'e'.repeat(40) }), headers: text, body: `<xml>${'<a>'.repeat(7_000)}<Encrypt>${fresh.encrypted}</Encrypt>${'</a>'.repeat(7_000)}</xml>` });
  add('pushes', 'a timestamp that is not a number', { path: path(fresh, { timestamp: 'now' }), headers: text, body: fresh.body });
  add('pushes', 'a nonce with a newline', { path: path(fresh, { nonce: '1\n2' }), headers: text, body: fresh.body });
  return cases;
}
