/**
 * The minimal baseline of item 1: what a careful hand-written service would be. node:http,
 * graphql-js `execute` on a hand-written schema, one resolver that calls the same upstream
 * (POST /cgi-bin/open/unbind) through an undici Pool of the same size as the gateway's, and a
 * cached access token. No union mapping, no retries, breaker, deadlines, metrics or logs: the
 * gateway's cost is measured against this.
 *
 * Parsed and validated documents are cached by query text, as Apollo Server does, so the
 * comparison is about everything else rather than about re-parsing a 200-byte query.
 *
 * Env: PORT, UPSTREAM (simulator URL), WECHAT_APPS (appid → secret JSON), CONNECTIONS.
 */
import { createServer } from 'node:http';
import {
  GraphQLBoolean,
  GraphQLInt,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  execute,
  parse,
  validate,
  type DocumentNode,
  type GraphQLError,
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

const schema = new GraphQLSchema({
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

const documents = new Map<string, { document: DocumentNode } | { errors: readonly GraphQLError[] }>();
function prepare(query: string): { document: DocumentNode } | { errors: readonly GraphQLError[] } {
  let prepared = documents.get(query);
  if (prepared === undefined) {
    try {
      const document = parse(query);
      const errors = validate(schema, document);
      prepared = errors.length > 0 ? { errors } : { document };
    } catch (error) {
      prepared = { errors: [error as GraphQLError] };
    }
    if (documents.size < 1000) documents.set(query, prepared);
  }
  return prepared;
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    void (async () => {
      let status = 200;
      let result: unknown;
      try {
        const { query, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
        const prepared = prepare(query);
        if ('errors' in prepared) {
          status = 400;
          result = { errors: prepared.errors };
        } else {
          result = await execute({ schema, document: prepared.document, variableValues: variables ?? null });
        }
      } catch (error) {
        status = 400;
        result = { errors: [{ message: (error as Error).message }] };
      }
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(result));
    })();
  });
});

server.listen(Number(process.env['PORT'] ?? 4200), '127.0.0.1');
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void upstream.close().then(() => process.exit(0));
});
