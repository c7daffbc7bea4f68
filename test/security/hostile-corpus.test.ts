import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { request } from 'undici';
import { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, signedPush, type Simulator } from '../../src/simulator';
import { apiKeyEntry, signToken, TEST_JWT_SECRET, unsignedToken } from '../support/auth';
import type { TestGateway } from '../support/gateway';
import { useHarness } from '../support/harness';
import { buildHostileCorpus, type CorpusInputs, type HostileCase } from './hostile-corpus';
import { buildHardeningCorpus } from './hostile-corpus-hardening';
import { newPlatform, platformEnv } from '../support/platform';

const API_KEY = 'wxgw_hostile-corpus-service-key-0123456789abcdef';
const { acmeCoffeeOA, acmeCoffeeMP } = DEMO_ACCOUNTS;

interface Answer {
  readonly testCase: HostileCase;
  readonly status: number;
  readonly text: string;
  readonly upstreamCalls: number;
  readonly ms: number;
}

/**
 * Every case of the corpus over real HTTP, one at a time so each one's upstream calls are its
 * own, against a gateway with JWTs and API keys on, the demo WeChat apps and the simulator.
 */
describe('Security: the hostile corpus is refused without a 5xx, a leak or a call to WeChat', () => {
  const harness = useHarness('all');
  let simulator: Simulator;
  let gateway: TestGateway;
  let inputs: CorpusInputs;
  let corpus: HostileCase[];
  const answers: Answer[] = [];
  /** Secrets of this run besides the fixed ones: the platform's credentials. */
  const secretsOfRun: string[] = [];

  beforeAll(async () => {
    const platform = newPlatform();
    const keys = join(mkdtempSync(join(tmpdir(), 'gateway-corpus-')), 'keys.json');
    writeFileSync(keys, JSON.stringify([apiKeyEntry('corpus-service', API_KEY, [acmeCoffeeOA.appid], ['openaccount:read'])]));
    // Platform mode too, so the push callback is attacked with the rest; failed authentications
    // unlimited, so each token case is answered for itself (auth-failures.test.ts tests the limit).
    ({ simulator, gateway } = await harness.demo({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_API_KEYS_FILE: keys, NODE_ENV: 'test', ...platformEnv(platform), RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '0' }));
    const both = 'openaccount:read openaccount:write';
    const restrictedToken = await signToken({ sub: 'corpus-user', appids: [acmeCoffeeOA.appid], scope: both });
    const [, payload, signature] = restrictedToken.split('.');
    const now = Math.floor(Date.now() / 1000);
    inputs = {
      appid: acmeCoffeeOA.appid,
      otherAppid: acmeCoffeeMP.appid,
      openAppid: DEMO_OPEN_ACCOUNTS.acmeApi.openAppid,
      restrictedToken,
      starToken: await signToken({ sub: 'corpus-admin', appids: '*', scope: both }),
      readOnlyToken: await signToken({ sub: 'corpus-reader', appids: '*', scope: 'openaccount:read' }),
      expiredToken: await signToken({ sub: 'corpus-user', appids: '*', scope: both }, { expiresAt: now - 3600 }),
      notYetValidToken: await signToken({ sub: 'corpus-user', appids: '*', scope: both, nbf: now + 3600 }),
      wrongSecretToken: await signToken({ sub: 'corpus-user', appids: '*', scope: both }, { secret: 'not-the-gateway-secret-but-long-enough-0123' }),
      unsignedToken: unsignedToken({ sub: 'corpus-user', appids: '*', scope: both }),
      algSwappedTokens: ['none', 'HS384', 'HS512', 'RS256', 'ES256', 'PS256', 'EdDSA'].map(
        (alg) => `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${payload}.${signature}`,
      ),
      apiKey: API_KEY,
    };
    corpus = [
      ...buildHostileCorpus(inputs),
      ...buildHardeningCorpus({
        appid: inputs.appid,
        starToken: inputs.starToken,
        readOnlyToken: inputs.readOnlyToken,
        noScopeToken: await signToken({ sub: 'corpus-nobody', appids: [], scope: '' }),
        longLivedToken: await signToken({ sub: 'corpus-user', appids: '*', scope: both }, { expiresAt: now + 10 * 365 * 86_400 }),
        issuedLaterToken: await new SignJWT({ sub: 'corpus-user', appids: '*', scope: both }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(now + 3_600).setExpirationTime(now + 7_200).sign(new TextEncoder().encode(TEST_JWT_SECRET)),
        componentAppid: platform.componentAppid,
        push: (xml, timestamp) => signedPush(platform, xml, timestamp),
      }),
    ];
    secretsOfRun.push(platform.secret, platform.aesKey, platform.token);

    const origin = new URL(gateway.url).origin;
    for (const testCase of corpus) {
      const { method = 'POST', path = '/graphql', headers = {}, body } = testCase.request;
      const before = simulator.counters.calls();
      const started = performance.now();
      const response = await request(`${origin}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.body.text();
      answers.push({ testCase, status: response.statusCode, text, upstreamCalls: simulator.counters.calls() - before, ms: performance.now() - started });
    }
  }, 120_000);

  afterAll(async () => {
    // CORPUS_REPORT=1 npx jest test/security/hostile-corpus.test.ts prints how each case was answered.
    if (process.env['CORPUS_REPORT']) process.stdout.write(`${answers.map((a) => `${a.status} ${firstCode(a.text)} ${a.upstreamCalls} ${Math.round(a.ms)}ms  ${a.testCase.category}: ${a.testCase.name}`).join('\n')}\n`);
  });

  it('has at least 200 hostile cases', () => {
    expect(corpus.filter((c) => c.expect === 'refused').length).toBeGreaterThanOrEqual(200);
    expect(new Set(corpus.map((c) => `${c.category}: ${c.name}`)).size).toBe(corpus.length);
  });

  it('answers none of them with a 5xx', () => {
    expect(answers.filter((a) => a.status >= 500).map(describeAnswer)).toEqual([]);
  });

  it('refuses every hostile case (4xx or GraphQL errors) and sends nothing to WeChat for it', () => {
    const wrong = answers
      .filter((a) => a.testCase.expect === 'refused')
      .filter((a) => a.upstreamCalls !== 0 || !(a.status >= 400 || hasErrors(a.text)));
    expect(wrong.map(describeAnswer)).toEqual([]);
  });

  it('serves the legitimate requests hidden among them', () => {
    const wrong = answers.filter((a) => a.testCase.expect === 'served').filter((a) => a.status !== 200 || hasErrors(a.text));
    expect(wrong.map(describeAnswer)).toEqual([]);
  });

  it('leaks no stack trace or internal detail in any response', () => {
    const leaky = answers.filter((a) => /\bat [\w.<>]+ \(|node_modules|\/src\/|\.ts:\d+|stacktrace/i.test(a.text));
    expect(leaky.map(describeAnswer)).toEqual([]);
  });

  it('is still alive and serving after them all', async () => {
    expect((await gateway.send({ method: 'GET', path: '/healthz' })).status).toBe(200);
    const response = await gateway.send({
      body: JSON.stringify({ query: 'query($a: String!) { openAccount(appid: $a) { __typename } }', variables: { a: acmeCoffeeOA.appid } }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${inputs.restrictedToken}` },
    });
    expect(JSON.parse(response.text).data.openAccount.__typename).toBe('OpenAccount');
  });

  it('puts no token or secret in any response or log line', async () => {
    // The access tokens WeChat (the simulator) issued to the gateway: asking again returns them.
    const accessTokens: string[] = [];
    for (const [appid, secret] of Object.entries(demoCredentials())) {
      const response = await request(`${simulator.url}/cgi-bin/stable_token`, {
        method: 'POST',
        body: JSON.stringify({ grant_type: 'client_credential', appid, secret }),
        headers: { 'content-type': 'application/json' },
      });
      const { access_token: token } = (await response.body.json()) as { access_token?: string };
      if (token) accessTokens.push(token);
    }
    expect(accessTokens.length).toBeGreaterThan(0);
    const credentials = [inputs.restrictedToken, inputs.starToken, inputs.readOnlyToken, inputs.expiredToken, inputs.notYetValidToken, inputs.wrongSecretToken, inputs.unsignedToken, ...inputs.algSwappedTokens];
    const secrets = [
      ...secretsOfRun,
      TEST_JWT_SECRET,
      API_KEY,
      ...Object.values(demoCredentials()),
      ...accessTokens,
      ...credentials,
      // A signature alone is enough to matter.
      ...credentials.map((t) => t.split('.')[2] ?? '').filter((s) => s.length > 10),
    ];
    const haystacks = [...answers.map((a) => ({ where: `response to ${a.testCase.category}: ${a.testCase.name}`, text: a.text })), ...gateway.logs.map((text) => ({ where: 'log', text }))];
    const leaks = haystacks.flatMap(({ where, text }) => secrets.filter((s) => text.includes(s)).map((s) => `${where} contains ${s.slice(0, 6)}…`));
    expect(leaks).toEqual([]);
  });

  it('gives inline traces (ftv1) to none of them: no caller has the federation scope', () => {
    expect(answers.filter((a) => a.text.includes('"ftv1"')).map(describeAnswer)).toEqual([]);
  });

  it('answers each quickly (no case starves the process)', () => {
    const slow = answers.filter((a) => a.ms > 2_000).map((a) => `${describeAnswer(a)} took ${Math.round(a.ms)} ms`);
    expect(slow).toEqual([]);
  });
});

function firstCode(text: string): string {
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    return body.errors?.[0]?.extensions?.code ?? 'ok';
  } catch {
    return 'not-json';
  }
}

function hasErrors(text: string): boolean {
  try {
    const body = JSON.parse(text) as { errors?: unknown[] };
    return Array.isArray(body.errors) && body.errors.length > 0;
  } catch {
    return false;
  }
}

function describeAnswer(a: Answer): string {
  return `${a.testCase.category}: ${a.testCase.name} → ${a.status}, ${a.upstreamCalls} upstream, ${a.text.slice(0, 200)}`;
}
