/**
 * What a team writes by hand in an afternoon: the baseline's schema and resolver
 * (bench/baseline-schema.ts) on Apollo Server 5's own standalone server, every default left as
 * it is (cache-control plugin, landing page, Apollo's body parsing and cors). Beside it,
 * bench/apollo-floor-server.ts is the same server tuned by hand (defaults off, the leanest way in).
 *
 * Env: PORT, UPSTREAM, WECHAT_APPS, CONNECTIONS (as the baseline).
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { baselineSchema, closeUpstream } from './baseline-schema';

async function main(): Promise<void> {
  const apollo = new ApolloServer({ schema: baselineSchema, stopOnTerminationSignals: false });
  await startStandaloneServer(apollo, { listen: { port: Number(process.env['PORT'] ?? 4202), host: '127.0.0.1' } });
  process.once('SIGTERM', () => {
    void apollo
      .stop()
      .then(closeUpstream)
      .then(() => process.exit(0));
  });
}

void main();
