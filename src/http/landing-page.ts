import type { ApolloServerPlugin } from '@apollo/server';

/** The landing page with a warning banner above it, e.g. that the gateway runs without authentication. */
export function withWarning(plugin: ApolloServerPlugin, warning: string | undefined): ApolloServerPlugin {
  if (warning === undefined) return plugin;
  // No inline style: the landing page's Content-Security-Policy allows only its own styles.
  const banner = `<p role="alert"><strong>&#9888; ${escapeHtml(warning)}</strong></p>`;
  return {
    ...plugin,
    async serverWillStart(service) {
      const listener = await plugin.serverWillStart?.(service);
      const render = listener?.renderLandingPage;
      if (render === undefined) return listener;
      return {
        ...listener,
        async renderLandingPage() {
          const page = await render();
          const html = typeof page.html === 'string' ? page.html : await page.html();
          return { html: html.replace(/<body([^>]*)>/i, (body) => `${body}${banner}`) };
        },
      };
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
