/**
 * The minimal baseline of item 1: what a careful hand-written service would be. node:http,
 * graphql-js `execute` on the hand-written schema of bench/baseline-schema.ts. The gateway's
 * cost is measured against this.
 *
 * Parsed and validated documents are cached by query text, as Apollo Server does, so the
 * comparison is about everything else rather than about re-parsing a 200-byte query.
 *
 * Env: PORT, and those of bench/baseline-schema.ts.
 */
import { createServer } from 'node:http';
import { execute, parse, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { baselineSchema as schema, closeUpstream } from './baseline-schema';

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
  void closeUpstream().then(() => process.exit(0));
});
