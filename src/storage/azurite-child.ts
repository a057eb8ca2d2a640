import { createRequire } from 'node:module';

/**
 * Azurite's table entry point, run by the supervisor (azurite-supervisor.ts) with its
 * output made safe to lose.
 *
 * Azurite prints "closing..." before it saves its database on shutdown. When the
 * supervisor has been killed, that write goes to a broken pipe, and the EPIPE error
 * would end Azurite before it saved (a leftover stopped by the next start lost its last
 * seconds of writes). Output errors are therefore ignored here.
 *
 *   node azurite-child.js <azurite table main.js> <azurite arguments…>
 */
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
// Azurite reads its options from process.argv: take the script out before it runs.
const [script] = process.argv.splice(2, 1);
if (!script) throw new Error('azurite-child: the Azurite script is missing');
createRequire(import.meta.url)(script);
