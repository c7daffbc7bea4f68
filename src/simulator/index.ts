export { startSimulator, type AuthorizeOptions, type Simulator, type SimulatorOptions, type TicketPushOptions } from './server';
export { ComponentState, type Component, type NewComponent } from './component';
export { authorizedXml, deliver, encryptForPush, envelope, signPush, signedPush, ticketXml, unauthorizedXml, type PushKeys, type PushResult, type SignedPush } from './push';
export { FaultQueue, type Fault } from './faults';
export {
  WechatState,
  wxError,
  newRid,
  type Account,
  type OpenAccount,
  type NewAccount,
  type NewOpenAccount,
  type Outcome,
  type RequestBody,
  type StateOptions,
} from './state';
export { DEMO_ACCOUNTS, DEMO_OPEN_ACCOUNTS, demoCredentials, seedDemo, type DemoAccount, type DemoOpenAccount } from './seed';
