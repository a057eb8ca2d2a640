import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../src/core/log.js';

/** A logger writing into an array of parsed lines, and the raw text. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  let raw = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      raw += chunk.toString();
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger('debug', sink), lines, raw: () => raw };
}

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJhdWQiOiJhcHAiLCJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';
const SECRETS = [
  'client-secret-123456',
  'hunter2-nested-password',
  JWT,
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==',
  'opaque-bearer-token-abc',
  'sig-value-xyz',
  'cookie-value-1',
];

describe('log redaction', () => {
  it('hides secrets at any depth, by key and inside strings, and keeps everything else', () => {
    const { log, lines, raw } = capture();
    const httpError = Object.assign(new Error(`request to https://login.example/token failed with Bearer ${SECRETS[4]}`), {
      config: { url: 'https://login.example/token', headers: { Authorization: `Bearer ${SECRETS[4]}`, 'Content-Type': 'application/json' } },
      response: { status: 401, data: { error: 'invalid_client' } },
      cause: new Error(`inner with client_secret=${SECRETS[0]}`),
    });
    log.error(
      {
        err: httpError,
        event: 'test.deep',
        conversationId: 'a:personal-lone',
        a: { b: { c: { d: { e: { password: SECRETS[1], MicrosoftAppPassword: SECRETS[0], keep: 'visible-1' } } } } },
        list: [{ token: JWT }, `the token was ${JWT}`, { headers: { cookie: SECRETS[6] } }],
        connection: `DefaultEndpointsProtocol=https;AccountName=trio;AccountKey=${SECRETS[3]};EndpointSuffix=core.windows.net`,
        url: `https://trio.blob.core.windows.net/x?sv=2024&sig=${SECRETS[5]}&se=2026`,
      },
      `failed with token ${JWT}`,
    );
    const text = raw();
    for (const s of SECRETS) expect(text).not.toContain(s);
    const line = lines[0]!;
    expect(line.event).toBe('test.deep');
    expect(line.conversationId).toBe('a:personal-lone');
    expect(text).toContain('visible-1');
    expect(text).toContain('AccountName=trio');
    expect(text).toContain('invalid_client');
    expect(text).toContain('https://login.example/token');
    expect(text).toContain('[skjult]');
    const err = line.err as { config: { headers: Record<string, string> }; message: string; stack: string };
    expect(err.config.headers.Authorization).toBe('[skjult]');
    expect(err.config.headers['Content-Type']).toBe('application/json');
    // The cause is part of the message and the stack (pino's error serializer).
    expect(err.message).toContain('inner with client_secret=[skjult]');
    expect(err.stack).toContain('Bearer [skjult]');
  });

  it('redacts child bindings and the message of a logged error', () => {
    const { log, raw } = capture();
    log.child({ auth: { authorization: `Bearer ${SECRETS[4]}` } }).warn(new Error(`boom ${JWT}`));
    expect(raw()).not.toContain(SECRETS[4]);
    expect(raw()).not.toContain(JWT);
    expect(raw()).toContain('boom');
  });

  it('never throws on cycles, very deep values or odd types', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    let deep: Record<string, unknown> = { password: 'deep-secret-at-the-bottom' };
    for (let i = 0; i < 500; i++) deep = { next: deep };
    const out = JSON.stringify(redact({ cyclic, deep, n: 10n, b: Buffer.from('secret-bytes'), when: new Date(0) }));
    expect(out).toContain('[cycle]');
    expect(out).not.toContain('deep-secret-at-the-bottom');
    expect(out).not.toContain('secret-bytes');
    const { log, lines } = capture();
    log.info({ cyclic, deep }, 'odd');
    expect(lines).toHaveLength(1);
  });
});
