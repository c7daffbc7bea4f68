import { createHash } from 'node:crypto';
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import { GraphQLError, print } from 'graphql';
import type { Logger } from 'pino';
import stringify from 'safe-stable-stringify';
import type { GatewayContext } from '../../graphql/context';
import { IDEMPOTENCY_KEY_HEADER, parseIdempotencyKey } from './idempotency-key';
import { IdempotencyRecords, type Claim, type IdempotencyStore } from './idempotency-records';

/** What the configuration says about idempotency keys (src/config/ reads it from the environment). */
export interface IdempotencyConfig {
  /** How long a key's answer is kept (IDEMPOTENCY_TTL_SECONDS, default 24 h). */
  readonly ttlSeconds: number;
  /** A mutation without a key is refused (IDEMPOTENCY_REQUIRED). */
  readonly required: boolean;
}

export interface IdempotencyOptions extends IdempotencyConfig {
  readonly store: IdempotencyStore;
  /** Deadline of one operation: how long a repeat waits for the first, and (plus a margin) its lease. */
  readonly operationTimeoutMs: number;
  readonly logger: Logger;
  /** Counts each keyed mutation's outcome (metrics). */
  readonly observe?: (outcome: IdempotencyOutcome) => void;
}

export type IdempotencyOutcome = 'stored' | 'released' | 'replayed' | 'settled' | 'mismatch' | 'in_use' | 'store_unavailable';

const REFUSED: Partial<Record<Claim['kind'], IdempotencyOutcome>> = { mismatch: 'mismatch', 'in-use': 'in_use', unavailable: 'store_unavailable' };

/** The response header that marks a stored answer given again. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * Idempotency keys for mutations, as an Apollo Server plugin: a client that sends a mutation with
 * `Idempotency-Key` may retry it with the same key, and it applies once.
 *
 * After the operation is resolved (so it is known to be a mutation, and who the caller is), the
 * key is claimed in the store (src/http/idempotency/idempotency-records.ts), under the caller and
 * the key, with a fingerprint of the operation and its variables:
 * - the first request runs; its answer is stored before it is sent (in `willSendResponse`);
 * - a repeat with the same fingerprint gets that answer without running (`responseForOperation`),
 *   marked `Idempotent-Replayed: true`; one that arrives while the first runs waits for it;
 * - a stored answer with an unknown outcome is settled by the repeat: the operation runs again with
 *   its changes in settle mode (a read first, then at most one send), and the settled answer replaces it;
 * - an answer where nothing reached WeChat (refused, overloaded, no credentials) is not kept: the
 *   key is released, so a retry runs afresh.
 * Refusals (bad key 400, key reused with another fingerprint 422, first still running past this
 * request's deadline 409, store unreachable 503) run nothing. A query's key is ignored.
 */
export function idempotencyPlugin(options: IdempotencyOptions): ApolloServerPlugin<GatewayContext> {
  const records = new IdempotencyRecords(options.store, { ttlMs: options.ttlSeconds * 1000, leaseMs: options.operationTimeoutMs + 5_000 });
  return {
    async requestDidStart({ request }) {
      // Without a key (and none required) there is nothing to claim, replay or store: no
      // listener, so Apollo has one plugin fewer to call at every step of this request.
      if (!options.required && request.http?.headers.get(IDEMPOTENCY_KEY_HEADER) === undefined) return undefined;
      let recordKey: string | undefined;
      let claim: Claim | undefined;
      return {
        async didResolveOperation(request) {
          const resolved = await claimKey(request, records, options);
          if (resolved === undefined) return;
          ({ recordKey, claim } = resolved);
          const refused = REFUSED[claim.kind];
          if (refused !== undefined) options.observe?.(refused);
          refuseUnlessRunnable(claim);
          if (claim.kind === 'run' && claim.settle) request.contextValue.openAccounts.changes.settle = true;
        },
        async responseForOperation() {
          if (claim?.kind !== 'replay') return null;
          return { http: { status: claim.answer.status, headers: new HeaderMap() }, body: { kind: 'single', singleResult: claim.answer.body } };
        },
        async willSendResponse({ response, contextValue, operationName }) {
          if (claim?.kind === 'replay') {
            options.observe?.('replayed');
            response.http.headers.set(REPLAYED_HEADER, 'true');
            // The audit trail (src/graphql/audit.ts) logs executed mutations; a replay executes none.
            options.logger.info({ audit: true, event: 'idempotent-replay', caller: contextValue.caller.id, operationName }, 'mutation answered from its Idempotency-Key');
          }
          if (claim?.kind !== 'run' || recordKey === undefined) return;
          const { changes } = contextValue.openAccounts;
          try {
            if (changes.sent === 0 || response.body.kind !== 'single') {
              await records.release(recordKey, claim);
              options.observe?.('released');
            } else {
              options.observe?.(claim.settle ? 'settled' : 'stored');
              const stored = await records.complete(recordKey, claim, { status: response.http.status ?? 200, body: response.body.singleResult }, changes.unknown > 0);
              if (!stored) options.logger.warn('idempotency: the key was taken over while this request ran (its lease passed); its answer was not stored');
            }
          } catch (error) {
            // The answer still goes out; the key stays held until its lease passes, and then a
            // repeat settles the outcome by a read instead of replaying.
            options.logger.error({ detail: error instanceof Error ? error.message : String(error) }, 'idempotency: the answer of a request with an Idempotency-Key could not be stored');
          }
        },
      };
    },
  };
}

/** The key's record and claim, for a mutation with a key; undefined when there is nothing to claim. Throws the 400s. */
async function claimKey(
  request: GraphQLRequestContextDidResolveOperation<GatewayContext>,
  records: IdempotencyRecords,
  options: IdempotencyOptions,
): Promise<{ recordKey: string; claim: Claim } | undefined> {
  const header = request.request.http?.headers.get(IDEMPOTENCY_KEY_HEADER);
  const parsed = header === undefined ? undefined : parseIdempotencyKey(header);
  if (parsed !== undefined && 'problem' in parsed) throw refusal(400, 'BAD_REQUEST', `Invalid Idempotency-Key header: ${parsed.problem}. Nothing was run.`);
  if (request.operation?.operation !== 'mutation') return undefined;
  if (parsed === undefined) {
    if (!options.required) return undefined;
    throw refusal(400, 'BAD_REQUEST', 'This gateway requires an Idempotency-Key header on every mutation (IDEMPOTENCY_REQUIRED): send a new key per user action, and the same key when retrying it. Nothing was run.');
  }
  // Keyed by caller and key: another caller's key is another record, never visible.
  const recordKey = sha256(`${request.contextValue.caller.id}\n${parsed.key}`);
  const fingerprint = sha256(stringify([print(request.document), request.operationName, request.request.variables ?? {}]));
  return { recordKey, claim: await records.claim(recordKey, fingerprint, Date.now() + options.operationTimeoutMs) };
}

function refuseUnlessRunnable(claim: Claim): void {
  switch (claim.kind) {
    case 'mismatch':
      throw refusal(422, 'IDEMPOTENCY_KEY_MISMATCH', 'This Idempotency-Key was already used with another operation or other variables. Nothing was run: use a new key for a new action.');
    case 'in-use':
      throw refusal(409, 'IDEMPOTENCY_KEY_IN_USE', 'The first request with this Idempotency-Key is still running. Nothing was run: retry with the same key shortly to get its answer.', 1);
    case 'unavailable':
      throw refusal(503, 'IDEMPOTENCY_STORE_UNAVAILABLE', "The gateway's store could not be reached, so the Idempotency-Key could not be recorded and nothing was sent to WeChat. Retry later with the same key.", 5);
    default:
      return;
  }
}

function refusal(status: number, code: string, message: string, retryAfterSeconds?: number): GraphQLError {
  const headers = new HeaderMap(retryAfterSeconds === undefined ? [] : [['retry-after', String(retryAfterSeconds)]]);
  return new GraphQLError(message, { extensions: { code, http: { status, headers } } });
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
