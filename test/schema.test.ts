import 'reflect-metadata';
import { readFile } from 'node:fs/promises';
import { printSchemaArtifacts } from '../src/graphql/print-schema';

describe('schema: the committed SDL and typed documents are what the code produces', () => {
  it('the committed schema files are what the code produces (run `npm run schema:emit` if not)', async () => {
    for (const [file, text] of Object.entries(await printSchemaArtifacts())) {
      expect({ file, text: await readFile(file, 'utf8') }).toEqual({ file, text });
    }
  });
});
