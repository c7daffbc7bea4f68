import { useEffect, useState } from 'react';

/**
 * Sends the same request again, but only once `seconds` have passed: the gateway's
 * `retryAfterSeconds` when it names one (see retryDelaySeconds in the client kit).
 */
export function RetryButton({ seconds, onRetry }: { seconds: number; onRetry: () => void }) {
  const [left, setLeft] = useState(Math.ceil(seconds));
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return (
    <button type="button" data-testid="retry" disabled={left > 0} onClick={onRetry}>
      {left > 0 ? `Retry in ${left} s` : 'Retry'}
    </button>
  );
}
