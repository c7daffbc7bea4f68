import { ApolloArmor } from '@escape.tech/graphql-armor';
import { MaxIntrospectionDepthRule, type GraphQLFormattedError, type ParseOptions, type ValidationRule } from 'graphql';

/** Limits every GraphQL document must pass before it runs (graphql-armor and the parser). */
export interface OperationLimits {
  readonly maxDepth: number;
  readonly maxAliases: number;
  readonly maxCost: number;
  readonly maxTokens: number;
  readonly maxDirectives: number;
}

export interface OperationLimitsProtection {
  readonly validationRules: ValidationRule[];
  readonly parseOptions: ParseOptions;
  /** Apollo's own guard against fragment bombs, checked before the rules above (see below). */
  readonly maxRecursiveSelections: number;
  readonly formatError: (formatted: GraphQLFormattedError) => GraphQLFormattedError;
}

/**
 * Selections of a document with every fragment spread expanded. A "billion laughs" document
 * (fragments that each spread the previous one twice) is small but expands exponentially; Apollo
 * counts the expansion cheaply and refuses it before the other rules walk it.
 */
const MAX_RECURSIVE_SELECTIONS = 10_000;

/** graphql-armor's mask for a "did you mean" suggestion, which would map the schema for an attacker. */
const SUGGESTION = /Did you mean ".+"\?/g;

export function hideFieldSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.message.includes('Did you mean')) return formatted;
  return { ...formatted, message: formatted.message.replace(SUGGESTION, '[Suggestion hidden]').trim() };
}

/**
 * What a document must pass before anything runs: at most `maxTokens` tokens (graphql-js's own
 * parser limit, so an oversized document fails parsing with GRAPHQL_PARSE_FAILED and 400), then
 * graphql-armor's depth, alias, directive and cost rules (GRAPHQL_VALIDATION_FAILED, 400), and no
 * "did you mean" field suggestions that would map the schema for an attacker, and graphql-js's
 * introspection depth rule (introspection is exempt from the depth limit, but `fields { type {
 * fields ... } }` cycles are not). Limits are named in the error so a legitimate client can tell
 * which one it hit.
 *
 * graphql-armor's own token limit is not used: in Apollo Server 5 it throws from a plugin hook,
 * which Apollo answers with a 500.
 */
export function operationLimits(limits: OperationLimits): OperationLimitsProtection {
  const armor = new ApolloArmor({
    maxTokens: { enabled: false },
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    costLimit: { maxCost: limits.maxCost },
    // Suggestions are hidden by hideFieldSuggestions in formatError instead: armor's plugin for
    // it is a listener on every request, where formatError runs only for a request with errors.
    // With it and maxTokens off, armor has no plugin left: its protections are validation rules.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    validationRules: [MaxIntrospectionDepthRule, ...armor.validationRules],
    parseOptions: { maxTokens: limits.maxTokens },
    maxRecursiveSelections: MAX_RECURSIVE_SELECTIONS,
    formatError: hideFieldSuggestions,
  };
}
