import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isAppId } from '../wechat';
import type { RootFieldListener } from './root-fields';

/**
 * The audit trail: one `audit` log event per mutation field, whatever its outcome (a union
 * member, or a refusal such as FORBIDDEN), with who asked (`caller`, never a credential), what
 * for (`appid`, `openAppid`), what came of it (`result`: the union member's type or the error
 * code; `errcode` and WeChat's `requestId` when WeChat answered) and how long it took.
 * An argument that is not a valid appid is logged as `"<invalid>"`: it is hostile input.
 */
export function auditMutations(logger: Logger): RootFieldListener {
  const audit = logger.child({ audit: true });
  return ({ operation, field, args, context, result, error, ms }) => {
    if (operation !== 'mutation') return;
    const outcome = (result ?? {}) as { errcode?: unknown; requestId?: unknown; verifiedByRead?: unknown };
    audit.info(
      {
        event: 'mutation',
        field,
        caller: context.caller.id,
        appid: loggable(args['appid']),
        openAppid: loggable(args['openAppid']),
        result: error ? errorCode(error) : ((result as object | null)?.constructor?.name ?? 'null'),
        errcode: typeof outcome.errcode === 'number' ? outcome.errcode : null,
        requestId: typeof outcome.requestId === 'string' ? outcome.requestId : null,
        ...(typeof outcome.verifiedByRead === 'boolean' ? { verifiedByRead: outcome.verifiedByRead } : {}),
        durationMs: Math.round(ms * 10) / 10,
      },
      'audit: mutation',
    );
  };
}

function loggable(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return isAppId(value) ? value : '<invalid>';
}

function errorCode(error: Error): string {
  const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}
