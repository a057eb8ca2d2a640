import type { TokenCredential } from '@azure/identity';

/**
 * Proactive installation through Microsoft Graph: installs TRIO-bot in a user's personal
 * scope (POST /users/{id}/teamwork/installedApps), so the bot can write to people who are
 * not in a team where it is installed. Teams then sends the bot an installationUpdate for
 * that user, which stores the personal chat as for anyone else.
 *
 * The app-only token needs the Graph application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All, granted to the bot's own identity (the
 * app may install only itself).
 */

export type InstallOutcome = 'installed' | 'alreadyInstalled' | 'failed';

export interface GraphInstallerOptions {
  /** https://graph.microsoft.com (or a national cloud; a double in tests). */
  baseUrl: string;
  /** The id of TRIO-bot in the organisation's app catalog (Teams admin center → Manage apps → TRIO-bot → App ID). */
  teamsAppId: string;
  credential: TokenCredential;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class GraphInstaller {
  private readonly fetch: typeof fetch;

  constructor(private readonly options: GraphInstallerOptions) {
    this.fetch = options.fetch ?? fetch;
  }

  /** Installs the app for one user (by AAD object id). Never throws: the outcome and the HTTP status say what happened. */
  async installFor(aadObjectId: string): Promise<{ outcome: InstallOutcome; status: number; code?: string }> {
    const base = this.options.baseUrl.replace(/\/+$/, '');
    try {
      const token = await this.options.credential.getToken(`${base}/.default`);
      if (!token) return { outcome: 'failed', status: 0, code: 'NoToken' };
      const res = await this.fetch(`${base}/v1.0/users/${encodeURIComponent(aadObjectId)}/teamwork/installedApps`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ 'teamsApp@odata.bind': `${base}/v1.0/appCatalogs/teamsApps/${encodeURIComponent(this.options.teamsAppId)}` }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
      if (res.ok) return { outcome: 'installed', status: res.status };
      const code = ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code;
      // 409: the app is already installed for this user.
      if (res.status === 409) return { outcome: 'alreadyInstalled', status: 409, ...(code ? { code } : {}) };
      return { outcome: 'failed', status: res.status, ...(code ? { code } : {}) };
    } catch (e) {
      return { outcome: 'failed', status: 0, code: (e as { name?: string }).name ?? 'Error' };
    }
  }
}

/**
 * The bot's own identity for Graph: the user-assigned managed identity (MicrosoftAppType
 * UserAssignedMSI) or the app registration's client secret. Undefined in local mode.
 */
export async function botCredential(bot: { appId: string; appPassword: string; tenantId: string; appType: string; localMode: boolean }): Promise<TokenCredential | undefined> {
  if (bot.localMode) return undefined;
  const identity = await import('@azure/identity');
  if (bot.appType === 'UserAssignedMSI') return new identity.ManagedIdentityCredential({ clientId: bot.appId });
  if (!bot.tenantId) return undefined; // a multi-tenant bot without a home tenant cannot ask for an app-only token
  return new identity.ClientSecretCredential(bot.tenantId, bot.appId, bot.appPassword);
}
