/**
 * Requests waiting for admission, one FIFO lane per caller, served round-robin across callers, so
 * a caller that floods cannot take another caller's turn: with two callers waiting, every second
 * request admitted is the other caller's, however many the flooder has queued.
 *
 * Hand-written because no maintained package does this: p-queue and cockatiel's bulkhead have one
 * FIFO for everybody, Bottleneck's groups give each key its own independent limit (no shared
 * capacity) and has had no release since 2019, and the "round-robin" packages rotate over arrays,
 * not over queues that grow and drain.
 *
 * Every operation is O(1) except finding the longest lane for a fair eviction, which rescans the
 * lanes only after the longest one has shrunk (amortised O(1) under a flood by one caller).
 */

/** One waiting item. Opaque to callers except `value`; pass it back to `remove`. */
export interface QueueEntry<T> {
  readonly key: string;
  readonly value: T;
}

export type PushResult<T> =
  /** Queued; `evicted` is the entry that made room for it, which the caller must now refuse. */
  | { readonly queued: QueueEntry<T>; readonly evicted?: QueueEntry<T> }
  /** Refused: the queue is full and this caller already holds at least its share of it. */
  | { readonly queued?: undefined; readonly evicted?: undefined };

export class FairQueue<T> {
  /** Lanes with waiting items, in turn order: Map iteration order is insertion order. */
  private readonly lanes = new Map<string, Lane<T>>();
  private size = 0;
  private longest: Lane<T> | undefined;
  private longestStale = false;

  constructor(private readonly capacity: number) {}

  get length(): number {
    return this.size;
  }

  /** Items waiting in `key`'s lane. */
  lengthOf(key: string): number {
    return this.lanes.get(key)?.length ?? 0;
  }

  /** Callers with at least one waiting item. */
  get callers(): number {
    return this.lanes.size;
  }

  /**
   * Queues `value` at the back of `key`'s lane. When the queue is full, room is made only for a
   * caller holding fewer items than the longest lane (minus one, so two equal floods do not evict
   * each other back and forth): the newest item of the longest lane is evicted, the one that
   * lane would have been served last.
   */
  push(key: string, value: T): PushResult<T> {
    let lane = this.lanes.get(key);
    let evicted: Node<T> | undefined;
    if (this.size >= this.capacity) {
      const longest = this.longestLane();
      if (longest === undefined || longest.length <= (lane?.length ?? 0) + 1) return {};
      evicted = longest.tail!;
      this.unlink(evicted);
      lane = this.lanes.get(key); // the eviction may have emptied and dropped a lane
    }
    if (lane === undefined) {
      lane = new Lane<T>();
      this.lanes.set(key, lane);
    }
    const node: Node<T> = { key, value, lane, prev: lane.tail, next: undefined };
    if (lane.tail) lane.tail.next = node;
    else lane.head = node;
    lane.tail = node;
    lane.length += 1;
    this.size += 1;
    if (!this.longestStale && (this.longest === undefined || lane.length > this.longest.length)) this.longest = lane;
    return evicted ? { queued: node, evicted } : { queued: node };
  }

  /** The next item in turn: the oldest item of the caller whose turn it is. */
  shift(): QueueEntry<T> | undefined {
    const first = this.lanes.values().next();
    if (first.done) return undefined;
    const lane = first.value;
    const node = lane.head!;
    this.unlink(node);
    // Its turn is used: to the back of the round, if it still has items waiting.
    if (lane.length > 0) {
      this.lanes.delete(node.key);
      this.lanes.set(node.key, lane);
    }
    return node;
  }

  /** Takes an entry out (its client went away, or it waited too long); false if already gone. */
  remove(entry: QueueEntry<T>): boolean {
    const node = entry as Node<T>;
    if (node.lane === undefined) return false;
    this.unlink(node);
    return true;
  }

  // Private: lane bookkeeping.

  private unlink(node: Node<T>): void {
    const lane = node.lane!;
    if (node.prev) node.prev.next = node.next;
    else lane.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else lane.tail = node.prev;
    node.prev = node.next = node.lane = undefined;
    lane.length -= 1;
    this.size -= 1;
    if (lane === this.longest) this.longestStale = true;
    if (lane.length === 0) this.lanes.delete(node.key);
  }

  private longestLane(): Lane<T> | undefined {
    if (this.longestStale || (this.longest !== undefined && this.longest.length === 0)) {
      this.longest = undefined;
      for (const lane of this.lanes.values()) if (this.longest === undefined || lane.length > this.longest.length) this.longest = lane;
      this.longestStale = false;
    }
    return this.longest;
  }
}

// Private: a lane is a doubly linked list, so removal from the middle (a timeout, a client that
// left) and eviction from the back are O(1).

class Lane<T> {
  head: Node<T> | undefined;
  tail: Node<T> | undefined;
  length = 0;
}

interface Node<T> extends QueueEntry<T> {
  /** Undefined once the node has left the queue. */
  lane: Lane<T> | undefined;
  prev: Node<T> | undefined;
  next: Node<T> | undefined;
}
