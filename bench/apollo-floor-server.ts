/**
 * Apollo Server's own floor: the baseline's schema and resolver (bench/baseline-server.ts),
 * served by @apollo/server with nothing of the gateway (no type-graphql, subgraph, auth,
 * limits, metrics, logs). node:http reads the body and hands it to executeHTTPGraphQLRequest,
 * the leanest way in. It splits the gateway/baseline gap into what the fixed stack costs and
 * what the gateway's own code costs.
 *
 * Env: PORT, UPSTREAM, WECHAT_APPS, CONNECTIONS (as the baseline).
 */
import { createServer } from 'node:http';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { baselineSchema, closeUpstream } from './baseline-schema';

async function main(): Promise<void> {
  const apollo = new ApolloServer({
    schema: baselineSchema,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
        const response = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) },
          context: async () => ({}),
        });
        for (const [key, value] of response.headers) res.setHeader(key, value);
        res.statusCode = response.status ?? 200;
        res.end(response.body.kind === 'complete' ? response.body.string : '');
      })();
    });
  });
  server.listen(Number(process.env['PORT'] ?? 4201), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    void closeUpstream().then(() => process.exit(0));
  });
}

void main();
