/**
 * The hand-written schema of the minimal baseline (bench/baseline-server.ts), also served by
 * Apollo Server in bench/apollo-floor-server.ts: one mutation whose resolver calls the same
 * upstream (POST /cgi-bin/open/unbind) through an undici Pool of the same size as the gateway's,
 * with a cached access token. No union mapping, retries, breaker, deadlines, metrics or logs.
 *
 * Env: UPSTREAM (simulator URL), WECHAT_APPS (appid → secret JSON), CONNECTIONS.
 */
import {
  GraphQLBoolean,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { Pool } from 'undici';

const upstream = new Pool(process.env['UPSTREAM'] ?? 'http://127.0.0.1:4100', {
  connections: Number(process.env['CONNECTIONS'] ?? 64),
  keepAliveTimeout: 30_000,
});
const secrets = new Map(Object.entries(JSON.parse(process.env['WECHAT_APPS'] ?? '{}') as Record<string, string>));

/** One fetch per appid, shared by whoever asks while it runs (no expiry: runs are short). */
const tokens = new Map<string, Promise<string>>();
function tokenFor(appid: string): Promise<string> {
  let token = tokens.get(appid);
  if (token === undefined) {
    token = postJson('/cgi-bin/stable_token', { grant_type: 'client_credential', appid, secret: secrets.get(appid) ?? '' }).then(
      (answer) => String(answer['access_token']),
    );
    tokens.set(appid, token);
  }
  return token;
}

async function postJson(path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await upstream.request({ method: 'POST', path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await response.body.json()) as Record<string, unknown>;
}

const UnbindResult = new GraphQLObjectType({
  name: 'UnbindResult',
  fields: {
    ok: { type: new GraphQLNonNull(GraphQLBoolean) },
    errcode: { type: new GraphQLNonNull(GraphQLInt) },
    errmsg: { type: new GraphQLNonNull(GraphQLString) },
  },
});

export const baselineSchema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLBoolean, resolve: () => true } } }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      unbindOpenAccount: {
        type: new GraphQLNonNull(UnbindResult),
        args: { appid: { type: new GraphQLNonNull(GraphQLString) }, openAppid: { type: new GraphQLNonNull(GraphQLString) } },
        async resolve(_source, args: { appid: string; openAppid: string }) {
          const token = await tokenFor(args.appid);
          const answer = await postJson(`/cgi-bin/open/unbind?access_token=${encodeURIComponent(token)}`, { appid: args.appid, open_appid: args.openAppid });
          const errcode = typeof answer['errcode'] === 'number' ? answer['errcode'] : 0;
          return { ok: errcode === 0, errcode, errmsg: String(answer['errmsg'] ?? 'ok') };
        },
      },
    },
  }),
});

export function closeUpstream(): Promise<void> {
  return upstream.close();
}
