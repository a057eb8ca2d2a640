import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { startApp } from '../app.js';
import { ConfigError, environmentWithDotEnv, loadConfig } from '../config.js';
import { createLogger } from '../core/log.js';

/**
 * `npm run playground`: the bot (with embedded storage) plus the Microsoft 365 Agents
 * Playground, a local Teams-like client, configured by .m365agentsplayground.yml
 * (Bostedet Solhøj). The Playground's current user is made a bootstrap leader so a new
 * user can set up the TRIO channel straight away. Ctrl+C stops both.
 */
async function main(): Promise<void> {
  const configFile = resolve('.m365agentsplayground.yml');
  const yml = readFileSync(configFile, 'utf8');
  const currentUserAad = /currentUser:[\s\S]*?aadObjectId:\s*"([^"]+)"/.exec(yml)?.[1];
  const env = environmentWithDotEnv(process.env);
  let config;
  try {
    config = loadConfig({ BOOTSTRAP_LEADERS: currentUserAad, ...env, MicrosoftAppId: '', MicrosoftAppPassword: '' });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(78);
    }
    throw e;
  }
  const log = createLogger(config.logLevel);
  const app = await startApp(config, { log });
  const require = createRequire(import.meta.url);
  const cli = join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'cli.js');
  const playgroundPort = env.PLAYGROUND_PORT ?? '56150';
  const child = spawn(
    process.execPath,
    [cli, '-e', `http://127.0.0.1:${app.port}/api/messages`, '-c', 'msteams', '-p', playgroundPort],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile },
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => {
    const m = /Listening on (\d+)/.exec(chunk.toString());
    if (m) {
      process.stdout.write(
        `\nAgents Playground: http://localhost:${m[1]}  (bot on port ${app.port})\n` +
          'You are Lone Leder. In the TRIO channel write: @TRIO-bot opsætning trio Bostedet Solhøj\n' +
          'then @TRIO-bot roller, and hjælp in the personal chat. Ctrl+C stops everything.\n\n',
      );
    }
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    if (child.exitCode === null) child.kill('SIGTERM');
    await app.stop();
    process.exit(0);
  };
  child.once('exit', (code) => {
    if (!stopping) log.warn({ code }, 'Agents Playground exited');
    void stop();
  });
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`Could not start the playground: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
