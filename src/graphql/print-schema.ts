import { execute, lexicographicSortSchema, parse, printSchema } from 'graphql';
import { FEDERATION_SCOPE } from './federation-access';
import { buildGatewaySchema } from './schema';

/** The API as clients and codegen see it. */
export const SCHEMA_FILE = 'schema/schema.graphql';
/** The subgraph SDL, with federation directives, as served at `_service { sdl }`: for composition. */
export const SUBGRAPH_FILE = 'schema/subgraph.graphql';

const HEADER = '# Generated from the code-first schema in src/graphql by `npm run schema:emit`. Do not edit.\n\n';

/** Both committed schema files, by path. Sorted, so moving code around does not churn them. */
export async function printSchemaArtifacts(): Promise<Record<string, string>> {
  const schema = await buildGatewaySchema();
  // Asked as a router would be: `_service` answers only the federation scope.
  const service = await execute({ schema, document: parse('{ _service { sdl } }'), contextValue: { caller: { scopes: new Set([FEDERATION_SCOPE]) } } });
  const sdl = (service.data as { _service: { sdl: string } } | null)?._service.sdl;
  if (sdl === undefined) throw new Error(`_service did not answer: ${JSON.stringify(service.errors)}`);
  return {
    [SCHEMA_FILE]: `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`,
    [SUBGRAPH_FILE]: `${sdl.trimEnd()}\n`,
  };
}
