import type { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql';
import type { GatewayContext } from './context';

/** One resolved root field: what was asked, by whom, what came of it and how long it took. */
export interface RootFieldEvent {
  readonly operation: 'query' | 'mutation';
  readonly field: string;
  readonly args: Readonly<Record<string, unknown>>;
  readonly context: GatewayContext;
  /** The union member (a class instance) or other value the field resolved to. */
  readonly result: unknown;
  /** What the field threw instead (FORBIDDEN, BAD_USER_INPUT, RATE_LIMITED, a bug). */
  readonly error: Error | undefined;
  readonly ms: number;
}

export type RootFieldListener = (event: RootFieldEvent) => void;

/**
 * Reports every Query and Mutation field once it has resolved (metrics, the audit trail).
 * The root resolvers are wrapped once, when the server starts. An Apollo plugin's
 * `willResolveField` would do the same, but it makes Apollo wrap every field of every type and
 * run the plugin hooks for each of them on every request, where only root fields are wanted
 * (bench/RESULTS.md has the profile).
 */
export function observeRootFields(schema: GraphQLSchema, listeners: readonly RootFieldListener[]): void {
  observe(schema.getQueryType(), 'query', listeners);
  observe(schema.getMutationType(), 'mutation', listeners);
}

function observe(type: GraphQLObjectType | null | undefined, operation: 'query' | 'mutation', listeners: readonly RootFieldListener[]): void {
  if (!type) return;
  for (const field of Object.values(type.getFields())) {
    const resolve = field.resolve as GraphQLFieldResolver<unknown, GatewayContext> | undefined;
    if (resolve === undefined) continue;
    field.resolve = (source, args: Record<string, unknown>, context: GatewayContext, info) => {
      const started = performance.now();
      const report = (result: unknown, error: Error | undefined) => {
        const event: RootFieldEvent = { operation, field: field.name, args, context, result, error, ms: performance.now() - started };
        for (const listener of listeners) listener(event);
      };
      let value: unknown;
      try {
        value = resolve(source, args, context, info);
      } catch (error) {
        report(undefined, error as Error);
        throw error;
      }
      if (!(value instanceof Promise)) {
        report(value, undefined);
        return value;
      }
      return value.then(
        (result: unknown) => {
          report(result, undefined);
          return result;
        },
        (error: unknown) => {
          report(undefined, error as Error);
          throw error;
        },
      );
    };
  }
}
