import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { printGatewaySchema, SCHEMA_FILE } from '../src/graphql/print-schema';

describe('schema artifacts', () => {
  it(`${SCHEMA_FILE} is what the code produces (run \`npm run schema:emit\` if not)`, async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await printGatewaySchema());
  });
});
