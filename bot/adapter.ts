import {
  ConfigurationServiceClientCredentialFactory,
  StatusCodes,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';
import { AuthenticationError, type ConnectorClient } from 'botframework-connector';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../infra/config.js';

/**
 * botbuilder answers 401 only for its own AuthenticationError; a token with a bad signature or
 * past its expiry throws the JWT library's error instead and would become a 500. Every failure
 * to authenticate a request is a 401.
 */
export class ArkivlosAdapter extends TeamsAdapter {
  constructor(...args: ConstructorParameters<typeof TeamsAdapter>) {
    super(...args);
    const auth = this.botFrameworkAuthentication;
    const authenticateRequest = auth.authenticateRequest.bind(auth);
    auth.authenticateRequest = async (activity, authHeader) => {
      try {
        return await authenticateRequest(activity, authHeader);
      } catch (error) {
        if (error instanceof AuthenticationError) throw error;
        throw new AuthenticationError((error as Error).message, StatusCodes.UNAUTHORIZED);
      }
    };
  }

  /**
   * A Bot Connector client for sends outside a turn (the outbox), authenticated like the
   * adapter's own, but without the HTTP pipeline's hidden retries: by default it retries a 429
   * after its Retry-After and a 5xx up to three times, so the outbox would neither see the
   * throttling nor decide the retries. The outbox does both itself, across instances.
   */
  async proactiveConnector(serviceUrl: string): Promise<ConnectorClient> {
    const botAppId = this.botFrameworkAuthConfig?.MicrosoftAppId ?? '';
    const client = await this.botFrameworkAuthentication.createConnectorFactory(this.createClaimsIdentity(botAppId)).create(serviceUrl);
    // botbuilder-stdlib's ServiceClientContext keeps the @azure/core-client ServiceClient in
    // `client`; @azure/core-rest-pipeline names its retry policy "defaultRetryPolicy".
    (client as unknown as { client: { pipeline: { removePolicy(policy: { name: string }): unknown } } }).client.pipeline.removePolicy({
      name: 'defaultRetryPolicy',
    });
    return client;
  }
}

/**
 * The Bot Framework adapter. With BOT_ID set every request to /api/messages must carry a valid
 * Bot Framework JWT (401 otherwise); with BOT_ID empty nothing is authenticated, which is only
 * allowed outside production (infra/config.ts refuses it there).
 */
export function createAdapter(
  config: Pick<Config, 'BOT_ID' | 'BOT_PASSWORD' | 'BOT_TYPE' | 'BOT_TENANT_ID'>,
  /** Where channel tokens come from (OpenID metadata, issuer); the public cloud's unless given. */
  channelAuth: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {},
): ArkivlosAdapter {
  const auth = {
    MicrosoftAppId: config.BOT_ID ?? '',
    MicrosoftAppPassword: config.BOT_PASSWORD ?? '',
    // Without an app id there are no credentials to build; botbuilder's "MultiTenant" path is the
    // only one that accepts an empty id (the Agents Playground and local development).
    MicrosoftAppType: config.BOT_ID ? config.BOT_TYPE : 'MultiTenant',
    MicrosoftAppTenantId: config.BOT_TENANT_ID ?? '',
  };
  return new ArkivlosAdapter({ ...auth, ...channelAuth }, new ConfigurationServiceClientCredentialFactory(auth));
}
