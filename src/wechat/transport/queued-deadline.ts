import type { CallDeadline } from './deadline';

/**
 * The queued-deadline race, in its own file because it is the subtle part of the slots.
 *
 * A call waiting in the bulkhead's queue has not been sent, so when the operation's deadline
 * fires it must end at once as "timeout, not sent". cockatiel's bulkhead does take an abort
 * signal (the deadline's, given to calls that queue), but it only looks at it when a slot frees:
 * with every slot held by a hanging request, a queued call would wait for the first of them to
 * time out, and then be reported no better. So the caller races the bulkhead's promise against
 * the deadline itself, but only while the call is still queued (`queued()`): once it holds a
 * slot, the request may be on the wire, the deadline ends the exchange there, and the answer
 * ("maybe sent") must come from there, not from here.
 *
 * The listener is removed when the promise settles, so thousands of operations that never wait
 * leave nothing behind on their deadline.
 */
export function whileQueued<T>(promise: Promise<T>, deadline: CallDeadline, queued: () => boolean, onAbort: () => T): Promise<T> {
  if (deadline.expired && queued()) return Promise.resolve(onAbort());
  return new Promise<T>((resolve, reject) => {
    const unlisten = deadline.onExpire(() => {
      if (queued()) resolve(onAbort());
    });
    promise.then(resolve, reject).finally(unlisten);
  });
}
