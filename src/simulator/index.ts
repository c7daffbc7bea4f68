/**
 * The simulator's only door: start one, and the types and helpers tests, the bench and the
 * gateway's embedded mode use. Nothing here imports the gateway.
 */
export { startSimulator, type Simulator, type SimulatorOptions } from './simulator';
export { WechatState, type StateOptions } from './state';
export { AccountState, type Account, type OpenAccount, type NewAccount, type NewOpenAccount } from './accounts';
export { TokenState, type TokenKind } from './tokens';
export { OpenAccountCalls } from './open-account-calls';
export { ComponentState, type Component, type NewComponent } from './component';
export { wxError, newRid, type Outcome, type RequestBody, type QueryParams } from './answers';
export { Counters, type CounterReadings } from './counters';
export { FaultQueue, type Fault } from './faults';
export { Pushes, type AuthorizeOptions, type TicketPushOptions } from './pushes';
export { authorizedXml, deliver, encryptForPush, envelope, signPush, signedPush, ticketXml, unauthorizedXml, type PushKeys, type PushResult, type SignedPush } from './push-wire';
export { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, seedDemo, type DemoAccount, type DemoOpenAccount } from './seed';
