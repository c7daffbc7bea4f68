import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { authorization, cacheConfig } from '../../../client';
import { Console } from './Console';
import { readSettings } from './settings';

const settings = readSettings(window.location);

// Everything the cache needs comes from the client kit: possibleTypes (or every error field is
// dropped) and the type policies that key WeChatApp by appid.
const client = new ApolloClient({
  link: new HttpLink({ uri: settings.gatewayUrl, headers: settings.token ? authorization(settings.token) : {} }),
  cache: new InMemoryCache(cacheConfig),
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApolloProvider client={client}>
      <Console settings={settings} />
    </ApolloProvider>
  </StrictMode>,
);
