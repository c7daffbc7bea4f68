/**
 * The simulator assembled: one model (state), what it saw (counters), what goes wrong on purpose
 * (faults), what it pushes to platforms (pushes), and the HTTP face in front of them. Tests reach
 * each mechanism directly, e.g. sim.state.accounts.addAccount(...), sim.faults.inject(...),
 * sim.counters.calls(path), sim.pushes.pushTicket().
 */
import { CONTROL_PREFIX, ControlSurface } from './control';
import { Counters, type CounterReadings } from './counters';
import { FaultQueue } from './faults';
import { HttpFace } from './http';
import { Pushes } from './pushes';
import { seedDemo } from './seed';
import { WechatState, type StateOptions } from './state';

export interface SimulatorOptions extends StateOptions {
  port?: number;
  host?: string;
  /** Load the demo accounts of seed.ts. */
  seed?: boolean;
  /**
   * Serve the development control surface (control.ts) at /_control/: scenarios on demand, faults,
   * token expiry, reset to the demo data, counters. Only the embedded simulator of a
   * non-production gateway and `npm run simulator` outside production turn it on.
   */
  control?: boolean;
}

export interface Simulator {
  readonly url: string;
  /** The model: accounts and open accounts, tokens, platforms; set up and read directly. */
  readonly state: WechatState;
  /** What arrived, what was applied, token fetches, peak concurrency. */
  readonly counters: CounterReadings;
  /** Faults for the next requests: faults.inject({ path, kind, ... }), faults.clear(). */
  readonly faults: FaultQueue;
  /** Ticket pushes and authorization events to a platform's callback URL. */
  readonly pushes: Pushes;
  /** The scenarios page of the control surface, when it is on. */
  readonly controlUrl: string | undefined;
  /** Stops the ticket timers and ends every request, hanging and delayed ones too. */
  close(): Promise<void>;
}

/** Starts a simulator on a free port of 127.0.0.1 unless told otherwise. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const state = new WechatState({ tokenTtlSeconds: opts.tokenTtlSeconds, now: opts.now, rotateRefreshTokens: opts.rotateRefreshTokens });
  if (opts.seed) seedDemo(state.accounts);
  const counters = new Counters();
  const faults = new FaultQueue();
  const pushes = new Pushes(state.components, state.now);
  const control = opts.control ? new ControlSurface({ state, counters, faults, reseed: () => seedDemo(state.accounts) }) : undefined;
  const http = new HttpFace(state, counters, faults, (componentAppid) => pushes.pushTicket(componentAppid), control);
  await http.listen(opts.port ?? 0, opts.host ?? '127.0.0.1');
  return {
    url: http.url,
    controlUrl: control ? `${http.url}${CONTROL_PREFIX}` : undefined,
    state,
    counters,
    faults,
    pushes,
    close: () => {
      pushes.stopTicketPush();
      return http.close();
    },
  };
}
