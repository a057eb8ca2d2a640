import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Microsoft Graph's Teams app installation endpoint, doubled:
 * POST /v1.0/users/{id}/teamwork/installedApps with an app-only bearer token for Graph.
 * Answers as Graph does: 201 installed, 409 already installed, 404 unknown user, 401 on a
 * token for another audience, 403 without the TeamsAppInstallation permission.
 */
export interface GraphDouble {
  url: string;
  /** Users the tenant has (AAD object ids). */
  users: Set<string>;
  /** Installations done, in order: user id and the app bound. */
  installs: { userId: string; app: string }[];
  /** Permission the tokens carry (roles claim) is checked against this. */
  requiredRole: string;
  close(): Promise<void>;
}

export async function startGraphDouble(users: Iterable<string>): Promise<GraphDouble> {
  const installs: GraphDouble['installs'] = [];
  const double = { users: new Set([...users].map((u) => u.toLowerCase())), installs, requiredRole: 'TeamsAppInstallation.ReadWriteSelfForUser.All' } as GraphDouble;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const send = (status: number, body?: object) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(body ? JSON.stringify(body) : '');
      };
      const m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) return send(404, { error: { code: 'NotFound' } });
      const claims = decodeJwt(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (!claims || claims.aud !== double.url) return send(401, { error: { code: 'InvalidAuthenticationToken' } });
      if (!(claims.roles as string[] | undefined)?.includes(double.requiredRole)) return send(403, { error: { code: 'Forbidden' } });
      const userId = decodeURIComponent(m[1]!).toLowerCase();
      if (!double.users.has(userId)) return send(404, { error: { code: 'NotFound' } });
      const app = (JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, string>)['teamsApp@odata.bind'] ?? '';
      if (installs.some((i) => i.userId === userId)) return send(409, { error: { code: 'Conflict' } });
      installs.push({ userId, app });
      send(201);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  double.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  double.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return double;
}

function decodeJwt(token: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
