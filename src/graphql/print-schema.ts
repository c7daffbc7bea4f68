import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { lexicographicSortSchema } from 'graphql';
import { buildGatewaySchema } from './schema';

export const SCHEMA_FILE = 'schema/schema.graphql';

const HEADER = '# Generated from the code-first schema in src/graphql by `npm run schema:emit`. Do not edit.\n\n';

/**
 * The SDL as committed in schema/schema.graphql. Sorted, so that moving code around does not
 * churn the file; printed with directives, which graphql-js's printSchema would drop.
 */
export async function printGatewaySchema(): Promise<string> {
  const schema = lexicographicSortSchema(await buildGatewaySchema());
  return `${HEADER}${printSchemaWithDirectives(schema)}\n`;
}
