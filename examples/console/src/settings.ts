import { DEMO_APPS, type ListedApp } from './demo-apps';

/**
 * Where the gateway is and who the console is, from the page's URL (`?gateway=…&token=…&appids=…`)
 * or the build's environment (VITE_GATEWAY_URL, VITE_GATEWAY_TOKEN), so one build serves any
 * gateway. The token goes in the Authorization header, never in a URL the gateway sees.
 */
export interface Settings {
  readonly gatewayUrl: string;
  readonly token: string | undefined;
  readonly apps: readonly ListedApp[];
}

export function readSettings(location: Location): Settings {
  const params = new URLSearchParams(location.search);
  const listed = params.get('appids');
  return {
    gatewayUrl: params.get('gateway') ?? import.meta.env['VITE_GATEWAY_URL'] ?? 'http://localhost:4000/graphql',
    token: params.get('token') ?? import.meta.env['VITE_GATEWAY_TOKEN'] ?? undefined,
    apps: listed ? listed.split(',').filter(Boolean).map((appid) => DEMO_APPS.find((app) => app.appid === appid) ?? { appid, name: appid }) : DEMO_APPS,
  };
}
