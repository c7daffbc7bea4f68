import { retryDelaySeconds, type GatewayErrorMember } from '../../../client';
import type { Outcome } from './outcome';
import { RetryButton } from './RetryButton';

interface Actions {
  /** Sends the same action again. */
  readonly retry: () => void;
  /** Reads the app's state from WeChat (through the gateway), updating its row. */
  readonly check: () => void;
}

/**
 * One UI state per union member. Every error member shows its `message` (what happened and how to
 * fix it); those WeChat answered also show WeChat's errcode, errmsg and request id. Retryable ones
 * offer a retry after the delay the gateway names; one that may have been applied says to check
 * first (and offers the read); a change whose outcome is unknown offers no retry at all.
 */
export function OutcomeView({ outcome, actions }: { outcome: Outcome; actions: Actions }) {
  switch (outcome.kind) {
    case 'success':
      return (
        <div className="outcome success" data-testid="outcome" data-typename={outcome.typename}>
          <strong>{outcome.typename}</strong> {outcome.text}
        </div>
      );
    case 'member':
      return <MemberView member={outcome.member} actions={actions} />;
    case 'graphql':
      return (
        <div className="outcome refused" data-testid="outcome" data-typename="GraphQLError">
          {outcome.errors.map((error, i) => (
            <p key={i}>
              <code>{error.code}</code> {error.message}
              {error.retryAfterSeconds !== undefined && <RetryButton seconds={error.retryAfterSeconds} onRetry={actions.retry} />}
            </p>
          ))}
        </div>
      );
    case 'network':
      return (
        <div className="outcome refused" data-testid="outcome" data-typename="NetworkError">
          The gateway could not be reached: {outcome.message}
          <RetryButton seconds={2} onRetry={actions.retry} />
        </div>
      );
  }
}

function MemberView({ member, actions }: { member: GatewayErrorMember; actions: Actions }) {
  const delay = retryDelaySeconds(member);
  const mayHaveApplied = member.__typename === 'OutcomeUnknownError' || (member.__typename === 'WeChatUnavailableError' && member.mayHaveReachedWeChat === true);
  return (
    <div className="outcome error" data-testid="outcome" data-typename={member.__typename}>
      <strong>{member.__typename}</strong>
      <p data-testid="message">{member.message}</p>
      {member.errcode != null && (
        <p className="wechat" data-testid="wechat">
          WeChat answered errcode <code>{member.errcode}</code>: “{member.errmsg}”{member.requestId ? <> (request id <code>{member.requestId}</code>; quote it to WeChat support)</> : null}
        </p>
      )}
      {member.reason != null && (
        <p data-testid="unavailable">
          Reason <code>{member.reason}</code>
          {member.httpStatus != null ? <>, HTTP {member.httpStatus}</> : null}
        </p>
      )}
      {member.appid != null && <p>No credentials for <code>{member.appid}</code>.</p>}
      {mayHaveApplied && (
        <p className="check" data-testid="check-first">
          Check first: the change may have been applied. {member.check ?? 'Read the account’s open account before sending it again.'}{' '}
          <button type="button" data-testid="check-now" onClick={actions.check}>
            Check now
          </button>
        </p>
      )}
      {delay !== null && <RetryButton seconds={delay} onRetry={actions.retry} />}
      {delay === null && !mayHaveApplied && <p className="final">Sending it again will not help: fix the cause first.</p>}
    </div>
  );
}
