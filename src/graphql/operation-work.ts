import type { GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import {
  GraphQLError,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { representationProblem } from './open-account/wechat-app.reference';
import type { GatewayContext } from './context';

export interface OperationWorkLimits {
  /** Representations one operation may ask for, across all its `_entities` fields (MAX_ENTITY_REPRESENTATIONS). */
  readonly maxRepresentations: number;
  /** WeChat reads one operation may ask for, each reading field once per entity it is asked on (MAX_OPERATION_READS). */
  readonly maxReads: number;
}

/** Fields that read WeChat (get, have): on Query with an appid argument, and on every WeChatApp. */
const READING_FIELDS = new Set(['openAccount', 'hasOpenAccount']);
/** The scope `_entities` needs: every field of WeChatApp that does anything is a read. */
const ENTITY_SCOPE = 'openaccount:read';

/** What an operation asks for, counted from its document and variables before anything runs. */
export interface OperationWork {
  /** Every `_entities` field that will execute (after field merging), with its representations. */
  readonly entities: unknown[][];
  readonly representations: number;
  /** Upper bound on WeChat reads: the loaders may read less (one read per appid), never more. */
  readonly reads: number;
}

/**
 * Work limits per operation, not per field. graphql-armor's cost counts the document, and the
 * document of a 15,000-entity request is small: 30 aliases of `_entities(representations: $r)`
 * with 500 representations each in the variables. So the representations of every `_entities`
 * the operation will execute (aliases, fragments, inline fragments, any nesting) are counted
 * together against one cap, and each reading field is counted once per entity it is asked on
 * against a second one, before any resolver runs (Apollo's `didResolveOperation`: the document
 * is valid and the caller is known). A refusal is one error for the whole operation:
 *
 * - a caller without the read scope asking for `_entities`: one FORBIDDEN (403), not one per entity;
 * - a representation that is not a WeChatApp with a valid appid: one BAD_USER_INPUT (400);
 * - over either cap: one BAD_USER_INPUT (400) naming the limit and the variable that sets it.
 */
/** The work of operations that have no `_entities` field: it depends on the document alone. */
const workWithoutEntities = new WeakMap<OperationDefinitionNode, OperationWork>();

export function checkOperationWork(limits: OperationWorkLimits): (requestContext: GraphQLRequestContextDidResolveOperation<GatewayContext>) => void {
  return ({ operation, document, request, contextValue }) => {
    if (operation === undefined) return;
    // Apollo hands the same parsed document to every request that sends the same text; an
    // operation without `_entities` does the same work whatever its variables, counted once.
    let work = workWithoutEntities.get(operation);
    if (work === undefined) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      }
      work = countOperationWork(operation, fragments, request.variables ?? {});
      if (work.entities.length === 0) workWithoutEntities.set(operation, work);
    }
    if (work.entities.length > 0 && !contextValue.caller.scopes.has(ENTITY_SCOPE)) {
      throw refusal('FORBIDDEN', 403, `Forbidden: _entities needs the scope ${ENTITY_SCOPE}, which the caller does not have.`);
    }
    checkRepresentations(work.entities);
    if (work.representations > limits.maxRepresentations) {
      throw tooMuch(`${work.representations} representations in one operation (all its _entities together); at most ${limits.maxRepresentations} are accepted (MAX_ENTITY_REPRESENTATIONS)`, 'representations');
    }
    if (work.reads > limits.maxReads) {
      throw tooMuch(`this operation asks for up to ${work.reads} WeChat reads (each read field once per entity); at most ${limits.maxReads} are accepted (MAX_OPERATION_READS)`, 'reads');
    }
  };
}

/**
 * Counts what `operation` will execute. Fields are merged by response key as graphql-js's
 * CollectFields does (a fragment spread twice executes once; an alias executes again), and
 * every fragment is expanded whatever its type condition, which can only overcount.
 * `@skip`/`@include` are ignored for the same reason. Fragment cycles and exponential fragment
 * expansion are refused by validation before this runs.
 */
export function countOperationWork(
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
): OperationWork {
  const entities: unknown[][] = [];
  let reads = 0;
  const visit = (selectionSets: readonly SelectionSetNode[], multiplicity: number): void => {
    for (const fields of collectFields(selectionSets, fragments).values()) {
      const field = fields[0]!;
      const children = fields.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
      let times = multiplicity;
      if (field.name.value === '_entities') {
        const representations = representationsOf(field, variables);
        entities.push(representations);
        times = multiplicity * representations.length;
      } else if (READING_FIELDS.has(field.name.value)) {
        reads += multiplicity;
      }
      if (children.length > 0 && times > 0) visit(children, times);
    }
  };
  visit([operation.selectionSet], 1);
  return { entities, representations: entities.reduce((sum, list) => sum + list.length, 0), reads };
}

/** The fields of `selectionSets` by response key, with fragments expanded. */
function collectFields(selectionSets: readonly SelectionSetNode[], fragments: ReadonlyMap<string, FragmentDefinitionNode>): Map<string, FieldNode[]> {
  const byKey = new Map<string, FieldNode[]>();
  const add = (selectionSet: SelectionSetNode, spread: ReadonlySet<string>): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = byKey.get(key);
        if (list === undefined) byKey.set(key, [selection]);
        else list.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        add(selection.selectionSet, spread);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // A fragment spread twice adds its fields to the same response keys (they execute once);
        // `spread` only guards against cycles, which validation has refused already.
        if (fragment !== undefined && !spread.has(name)) add(fragment.selectionSet, new Set([...spread, name]));
      }
    }
  };
  for (const selectionSet of selectionSets) add(selectionSet, new Set());
  return byKey;
}

/** The `representations` argument as the resolver will see it: a single value is a list of one. */
function representationsOf(field: FieldNode, variables: Readonly<Record<string, unknown>>): unknown[] {
  const argument = field.arguments?.find((a) => a.name.value === 'representations');
  if (argument === undefined) return [];
  const value: unknown = valueFromASTUntyped(argument.value, variables as Record<string, unknown>);
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Every representation of every `_entities` is a WeChatApp with a valid appid, or nothing runs. */
function checkRepresentations(entities: readonly unknown[][]): void {
  for (const representations of entities) {
    representations.forEach((representation: unknown, index) => {
      const problem = representationProblem(representation, index);
      if (problem !== undefined) throw badRepresentations(problem);
    });
  }
}

function badRepresentations(message: string): GraphQLError {
  return refusal('BAD_USER_INPUT', 400, `Invalid _entities call: ${message}.`, { argumentName: 'representations' });
}

function tooMuch(message: string, limit: 'representations' | 'reads'): GraphQLError {
  return refusal('BAD_USER_INPUT', 400, `Operation refused: ${message}.`, { limit });
}

function refusal(code: string, status: number, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status } } });
}
