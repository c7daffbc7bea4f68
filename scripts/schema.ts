import 'reflect-metadata';
import { readFile, writeFile } from 'node:fs/promises';
import { printGatewaySchema, SCHEMA_FILE } from '../src/graphql/print-schema';

/**
 * `--write` emits the SDL to schema/schema.graphql; `--check` fails when the committed file and
 * the code differ (CI runs it), so the SDL that clients and codegen read never drifts.
 */
async function main(): Promise<void> {
  const mode = process.argv[2];
  const sdl = await printGatewaySchema();
  if (mode === '--write') {
    await writeFile(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
    return;
  }
  if (mode !== '--check') throw new Error('usage: schema --write | --check');
  const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
  if (committed !== sdl) {
    process.stderr.write(`${SCHEMA_FILE} is out of date with the code: run \`npm run schema:emit\` and commit it.\n`);
    process.exit(1);
  }
  process.stdout.write(`${SCHEMA_FILE} matches the code\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
