import type { ApolloServerPlugin } from '@apollo/server';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { RootFieldListener } from './root-fields';

/**
 * The GraphQL operation's span (started by the HTTP front around Apollo, so it is the active
 * span in every hook and resolver): named `query OpenAccount` once the operation is known, with
 * `graphql.operation.name` and `graphql.operation.type` (OpenTelemetry's GraphQL conventions).
 * The document and the variables are not recorded: they are the caller's, and may be large.
 */
export const operationSpanPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operationName, operation }) {
        const span = trace.getActiveSpan();
        if (span === undefined || operation === undefined) return;
        span.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
        span.setAttribute('graphql.operation.type', operation.operation);
        if (operationName) span.setAttribute('graphql.operation.name', operationName);
      },
      async didEncounterErrors({ errors }) {
        const span = trace.getActiveSpan();
        if (span === undefined) return;
        const codes = [...new Set(errors.map((error) => String(error.extensions?.['code'] ?? 'INTERNAL_SERVER_ERROR')))];
        span.setAttribute('graphql.error.codes', codes);
        if (codes.includes('INTERNAL_SERVER_ERROR')) span.setStatus({ code: SpanStatusCode.ERROR, message: 'internal error' });
      },
    };
  },
};

/**
 * Records each root field's outcome on the operation's span: the union member it resolved to
 * (`UnbindOpenAccountSuccess`, `SubjectMismatchError`, …) or the error code it was refused with,
 * as `gateway.result.<field>` and as one `root field` event per field (aliases included).
 */
export const recordRootFieldOnSpan: RootFieldListener = ({ field, result, error }) => {
  const span = trace.getActiveSpan();
  if (span === undefined || !span.isRecording()) return;
  const outcome = error ? String((error as { extensions?: { code?: unknown } }).extensions?.code ?? 'error') : ((result as object | null)?.constructor?.name ?? 'null');
  span.setAttribute(`gateway.result.${field}`, outcome);
  span.addEvent('root field', { 'graphql.field.name': field, 'gateway.result': outcome });
};
