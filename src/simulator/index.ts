export { startSimulator, type Simulator, type SimulatorOptions } from './server';
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
