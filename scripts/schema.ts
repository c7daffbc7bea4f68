import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { printSchemaArtifacts } from '../src/graphql/print-schema';

/**
 * `--write` emits schema/schema.graphql (the client API) and schema/subgraph.graphql (the
 * federation SDL); `--check` fails when the committed files and the code differ (CI runs it), so
 * what clients, codegen and a supergraph read never drifts.
 */
async function main(): Promise<void> {
  const mode = process.argv[2];
  if (mode !== '--write' && mode !== '--check') throw new Error('usage: schema --write | --check');
  let stale = 0;
  for (const [file, text] of Object.entries(await printSchemaArtifacts())) {
    if (mode === '--write') {
      await writeFile(file, text);
      process.stdout.write(`wrote ${file}\n`);
    } else if ((await readFile(file, 'utf8').catch(() => '')) !== text) {
      process.stderr.write(`${file} is out of date with the code: run \`npm run schema:emit\` and commit it.\n`);
      stale += 1;
    } else {
      process.stdout.write(`${file} matches the code\n`);
    }
  }
  if (stale > 0) process.exit(1);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
