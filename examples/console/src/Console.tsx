import { useQuery } from '@apollo/client/react';
import { AppsDocument } from '../../../client';
import { AppRow } from './AppRow';
import { outcomeOfError } from './outcome';
import { OutcomeView } from './OutcomeView';
import type { Settings } from './settings';

/** The page: every listed app with its open account, read in one `apps(appids)` query. */
export function Console({ settings }: { settings: Settings }) {
  const appids = settings.apps.map((app) => app.appid);
  const { data, error, loading, refetch } = useQuery(AppsDocument, { variables: { appids } });
  const byAppid = new Map((data?.apps ?? []).map((app) => [app.appid, app]));
  return (
    <main>
      <header>
        <h1>Open accounts</h1>
        <p className="muted">
          Gateway <code data-testid="gateway-url">{settings.gatewayUrl}</code>
          {settings.token ? ' (with a bearer token)' : ' (no token)'}{' '}
          <button type="button" data-testid="refresh" onClick={() => void refetch()}>
            Read again
          </button>
        </p>
      </header>
      {loading && !data && <p data-testid="loading">Reading…</p>}
      {error && <OutcomeView outcome={outcomeOfError(error)} actions={{ retry: () => void refetch(), check: () => void refetch() }} />}
      <table>
        <thead>
          <tr>
            <th>Account</th>
            <th>Open account</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {settings.apps.map((listed) => (
            <AppRow key={listed.appid} listed={listed} state={byAppid.get(listed.appid)} />
          ))}
        </tbody>
      </table>
    </main>
  );
}
