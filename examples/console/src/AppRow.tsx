import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import {
  AppDocument,
  BindOpenAccountWithAppDocument,
  CreateOpenAccountWithAppDocument,
  UnbindOpenAccountWithAppDocument,
  type AppStateFragment,
} from '../../../client';
import { DEMO_OPEN_APPIDS, type ListedApp } from './demo-apps';
import { outcomeOf, outcomeOfError, type Outcome } from './outcome';
import { OutcomeView } from './OutcomeView';

type Action = { readonly name: 'bind' | 'unbind'; readonly openAppid: string } | { readonly name: 'create' };

/**
 * One account: its open account as the cache holds it (the `WeChatApp:{appid}` entry, which every
 * change's `app` updates, so no refetch follows a change), and bind, unbind and create.
 */
export function AppRow({ listed, state }: { listed: ListedApp; state: AppStateFragment | undefined }) {
  const client = useApolloClient();
  const bound = state?.openAccount.__typename === 'OpenAccount' ? state.openAccount.openAppid : undefined;
  const [target, setTarget] = useState(bound ?? DEMO_OPEN_APPIDS[0]!);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [last, setLast] = useState<Action | undefined>();
  const [bind, bindState] = useMutation(BindOpenAccountWithAppDocument);
  const [unbind, unbindState] = useMutation(UnbindOpenAccountWithAppDocument);
  const [create, createState] = useMutation(CreateOpenAccountWithAppDocument);
  const busy = bindState.loading || unbindState.loading || createState.loading;

  async function run(action: Action): Promise<void> {
    setLast(action);
    setOutcome(undefined);
    const appid = listed.appid;
    try {
      if (action.name === 'create') {
        const { data } = await create({ variables: { appid } });
        setOutcome(outcomeOf(data!.createOpenAccount, (s) => `created open account ${String(s['openAppid'])} and bound ${appid} to it`));
      } else if (action.name === 'bind') {
        const { data } = await bind({ variables: { appid, openAppid: action.openAppid } });
        setOutcome(outcomeOf(data!.bindOpenAccount, () => `bound to ${action.openAppid}`));
      } else {
        const { data } = await unbind({ variables: { appid, openAppid: action.openAppid } });
        setOutcome(outcomeOf(data!.unbindOpenAccount, () => `unbound from ${action.openAppid}`));
      }
    } catch (error) {
      setOutcome(outcomeOfError(error));
    }
  }

  /** The read an unknown outcome asks for: it writes the app's entry, so the row shows the truth. */
  async function check(): Promise<void> {
    try {
      const { data } = await client.query({ query: AppDocument, variables: { appid: listed.appid }, fetchPolicy: 'network-only' });
      const now = data?.app.openAccount;
      setOutcome({ kind: 'success', typename: 'Checked', text: now?.__typename === 'OpenAccount' ? `bound to ${now.openAppid}` : 'not bound' });
    } catch (error) {
      setOutcome(outcomeOfError(error));
    }
  }

  return (
    <tr data-testid={`app-${listed.appid}`}>
      <td>
        <div className="name">{listed.name}</div>
        <code>{listed.appid}</code>
      </td>
      <td data-testid="state">
        <AccountState state={state} />
      </td>
      <td className="actions">
        <select aria-label="open account" data-testid="target" value={target} onChange={(e) => setTarget(e.target.value)}>
          {DEMO_OPEN_APPIDS.map((openAppid) => (
            <option key={openAppid} value={openAppid}>
              {openAppid}
            </option>
          ))}
        </select>
        <button type="button" data-testid="bind" disabled={busy} onClick={() => void run({ name: 'bind', openAppid: target })}>
          Bind
        </button>
        <button type="button" data-testid="unbind" disabled={busy} onClick={() => void run({ name: 'unbind', openAppid: target })}>
          Unbind
        </button>
        <button type="button" data-testid="create" disabled={busy} onClick={() => void run({ name: 'create' })}>
          Create
        </button>
        {outcome && <OutcomeView outcome={outcome} actions={{ retry: () => last && void run(last), check: () => void check() }} />}
      </td>
    </tr>
  );
}

/** The open account as read: bound, not bound, or why it could not be read. */
function AccountState({ state }: { state: AppStateFragment | undefined }) {
  const account = state?.openAccount;
  if (account === undefined) return <span className="muted">…</span>;
  switch (account.__typename) {
    case 'OpenAccount':
      return (
        <span className="bound" data-typename="OpenAccount">
          bound to <code data-testid="open-appid">{account.openAppid}</code>
        </span>
      );
    case 'OpenAccountNotBoundError':
      return (
        <span className="unbound" data-typename="OpenAccountNotBoundError">
          not bound
        </span>
      );
    default:
      return (
        <span className="unreadable" data-typename={account.__typename} title={account.message}>
          {account.__typename}: {account.message}
        </span>
      );
  }
}
