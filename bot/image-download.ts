import { AuthenticationConstants, GovernmentConstants } from 'botframework-connector';
import type { TeamsAdapter } from '@microsoft/teams-ai';

export type DownloadedImage =
  | { outcome: 'kept'; content: Uint8Array; contentType: string }
  | { outcome: 'tooLarge'; sizeBytes: number }
  | { outcome: 'failed' };

/** Fetches a pasted image from Teams; the port the chat route uses (tests give their own token). */
export interface ImageDownloader {
  /** `serviceUrl` is the activity's: the bot's token goes to that Bot Connector host only. */
  download(contentUrl: string, serviceUrl: string): Promise<DownloadedImage>;
}

/**
 * A pasted image's `contentUrl` is on the Bot Connector (`https://smba.trafficmanager.net/<region>/v3/
 * attachments/<id>/views/original`) and needs the bot's token. The token goes only to the host
 * the activity came from; another host gets no request at all. The body is read up to `maxBytes`
 * and no further.
 */
export function createImageDownloader(options: { token: () => Promise<string | undefined>; maxBytes: number; timeoutMs?: number }): ImageDownloader {
  return {
    async download(contentUrl, serviceUrl) {
      if (!sameHost(contentUrl, serviceUrl)) return { outcome: 'failed' };
      try {
        const token = await options.token();
        const response = await fetch(contentUrl, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
        if (!response.ok || !response.body) return { outcome: 'failed' };
        const declared = Number(response.headers.get('content-length'));
        if (declared > options.maxBytes) {
          await response.body.cancel();
          return { outcome: 'tooLarge', sizeBytes: declared };
        }
        const chunks: Uint8Array[] = [];
        let size = 0;
        const reader = response.body.getReader();
        for (let read = await reader.read(); !read.done; read = await reader.read()) {
          size += read.value.byteLength;
          if (size > options.maxBytes) {
            // Stop reading; the size is at least this.
            await reader.cancel().catch(() => {});
            return { outcome: 'tooLarge', sizeBytes: size };
          }
          chunks.push(read.value);
        }
        const contentType = imageType(response.headers.get('content-type'));
        return { outcome: 'kept', content: Buffer.concat(chunks), contentType };
      } catch {
        return { outcome: 'failed' };
      }
    },
  };
}

function sameHost(contentUrl: string, serviceUrl: string): boolean {
  try {
    const content = new URL(contentUrl);
    const service = new URL(serviceUrl);
    return content.protocol === service.protocol && content.hostname === service.hostname;
  } catch {
    return false;
  }
}

/** Teams says `image/*` for a pasted image; the response says what it is (PNG when it does not). */
function imageType(header: string | null): string {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type && /^image\/[a-z0-9.+-]+$/.test(type) ? type : 'image/png';
}

/**
 * The bot's token for the Bot Connector, got the way teams-ai's TeamsAttachmentDownloader gets it
 * (1.7: the adapter's credentials factory, the channel login URL and audience); none when
 * authentication is off (empty BOT_ID: the Agents Playground and development).
 */
export function botConnectorToken(adapter: TeamsAdapter, botAppId: string): () => Promise<string | undefined> {
  return async () => {
    if ((await adapter.credentialsFactory?.isAuthenticationDisabled()) === true) return undefined;
    const auth = adapter.botFrameworkAuthConfig;
    const loginUrl = (auth?.ToChannelFromBotLoginUrl || AuthenticationConstants.ToChannelFromBotLoginUrlPrefix + AuthenticationConstants.DefaultChannelAuthTenant).toLowerCase();
    let audience = auth?.ToChannelFromBotOAuthScope;
    if (loginUrl.startsWith(AuthenticationConstants.ToChannelFromBotLoginUrlPrefix)) audience ??= AuthenticationConstants.ToChannelFromBotOAuthScope;
    else if (loginUrl.startsWith(GovernmentConstants.ToChannelFromBotLoginUrlPrefix)) audience ??= GovernmentConstants.ToChannelFromBotOAuthScope;
    const credentials = (await adapter.credentialsFactory.createCredentials(botAppId, audience, loginUrl, true)) as unknown as { getToken(): Promise<string> };
    return credentials.getToken();
  };
}
