import type { GraphQLFormattedError } from 'graphql';

/** The headers Apollo Server's CSRF prevention accepts as proof of a preflighted request (its defaults). */
export const PREFLIGHT_HEADERS = ['x-apollo-operation-name', 'apollo-require-preflight'] as const;

const APOLLO_CSRF_MESSAGE = 'This operation has been blocked as a potential Cross-Site Request Forgery (CSRF).';

/**
 * Apollo Server's CSRF prevention (its `csrfPrevention` option, on by default) refuses a GET or
 * a "simple" POST that a browser could send cross-site without a preflight. Its message names
 * headers but not the usual cause, a client that sends queries as GET (urql's default), nor the
 * two fixes. This says both; the refusal itself, its 400 and its code stay Apollo's.
 */
export function explainCsrfRefusal(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.message.startsWith(APOLLO_CSRF_MESSAGE)) return formatted;
  return {
    ...formatted,
    message:
      'Refused by CSRF prevention: this request could have been sent by another site without a CORS preflight. ' +
      "Send operations as POST with 'content-type: application/json' (urql: preferGetMethod: false), " +
      `or add a non-empty header ${PREFLIGHT_HEADERS.map((h) => `'${h}'`).join(' or ')} (e.g. 'apollo-require-preflight: true') to GET requests.`,
  };
}
