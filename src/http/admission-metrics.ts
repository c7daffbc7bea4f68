import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { AdmissionObserver, AdmissionStats, ShedReason } from './admission';

/** Distinct callers given their own label on the per-caller shed counter; the rest count as "other". */
export const MAX_CALLER_LABELS = 50;

/**
 * The front door's Prometheus metrics: requests shed by reason and by caller, the queue's length
 * and waits, admitted requests in flight and the event-loop delay admission sees. Caller labels
 * are bounded: the first MAX_CALLER_LABELS callers shed get their own (`api-key:<name>`,
 * `jwt:<sub>`, `anonymous`; never a credential), every later one is `other`.
 */
export function admissionMetrics(registry: Registry, stats: () => AdmissionStats): AdmissionObserver {
  const registers = [registry];
  const shed = new Counter({ name: 'gateway_admission_shed_total', help: 'GraphQL requests refused at the front door (HTTP 503, nothing run), by reason.', labelNames: ['reason'], registers });
  const shedByCaller = new Counter({ name: 'gateway_admission_shed_by_caller_total', help: `Requests refused at the front door, by caller (the first ${MAX_CALLER_LABELS} callers shed; later ones are "other").`, labelNames: ['caller'], registers });
  const wait = new Histogram({ name: 'gateway_admission_queue_wait_seconds', help: 'Time an admitted request waited for its turn (0 when admitted at once).', registers, buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10] });
  new Gauge({ name: 'gateway_admission_queue_length', help: 'Requests waiting for admission now.', registers, collect() { this.set(stats().queued); } });
  new Gauge({ name: 'gateway_admission_queued_callers', help: 'Callers with requests waiting for admission now.', registers, collect() { this.set(stats().queuedCallers); } });
  new Gauge({ name: 'gateway_admission_in_flight', help: 'GraphQL requests admitted and not yet answered.', registers, collect() { this.set(stats().inFlight); } });
  new Gauge({ name: 'gateway_admission_event_loop_delay_seconds', help: 'Event-loop delay admission decides on: the least of the worst delays of the last three 100 ms windows.', registers, collect() { this.set(stats().eventLoopDelayMs / 1000); } });
  for (const reason of ['queue_full', 'queue_timeout', 'event_loop_delay', 'fair_share'] satisfies ShedReason[]) shed.inc({ reason }, 0);

  const labelled = new Set<string>();
  const callerLabel = (callerId: string): string => {
    if (labelled.has(callerId)) return callerId;
    if (labelled.size >= MAX_CALLER_LABELS) return 'other';
    labelled.add(callerId);
    return callerId;
  };
  return {
    admitted: (waitedMs) => wait.observe(waitedMs / 1000),
    shed: (reason, callerId) => {
      shed.inc({ reason });
      shedByCaller.inc({ caller: callerLabel(callerId) });
    },
  };
}
