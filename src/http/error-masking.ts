import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

/** Error codes whose message is written for the client; any other error's message is hidden. */
const CLIENT_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  // Idempotency keys (src/http/idempotency/).
  'IDEMPOTENCY_KEY_MISMATCH',
  'IDEMPOTENCY_KEY_IN_USE',
  'IDEMPOTENCY_STORE_UNAVAILABLE',
]);

/**
 * A bug must not leak internals (paths, hostnames, library messages) to clients: errors that are
 * not client errors are logged in full and answered with a generic message.
 *
 * Client errors never carry a stack trace, whatever the mode: it would show the service's
 * files to whoever sends a bad token. Apollo's own refusals of a request that it gives a 4xx but
 * no code (a persisted query with an unsupported version, or whose hash does not match its
 * query) are the client's mistake too: `BAD_REQUEST`, with Apollo's message, not logged as ours.
 */
export function maskInternalError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const code = formatted.extensions?.['code'];
  if (typeof code === 'string' && CLIENT_ERROR_CODES.has(code)) return withoutStacktrace(formatted);
  if (isRequestError(error, formatted)) {
    logger.debug({ reason: formatted.message }, 'request refused by Apollo Server');
    return { message: formatted.message, extensions: { code: 'BAD_REQUEST' } };
  }
  logger.error({ err: unwrapResolverError(error), path: formatted.path }, 'internal error in a GraphQL operation');
  return { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' }, ...(formatted.path ? { path: formatted.path } : {}) };
}

function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (formatted.extensions?.['stacktrace'] === undefined) return formatted;
  const { stacktrace: _, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/** A GraphQLError about the request as a whole (no path), to which Apollo gave a 4xx status. */
function isRequestError(error: unknown, formatted: GraphQLFormattedError): boolean {
  if (!(error instanceof GraphQLError) || formatted.path !== undefined) return false;
  const status = (error.extensions['http'] as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
