/**
 * `npm run bench:crash [-- --rounds 50]`: the bot under mixed traffic (actions, sickness
 * cases with a contact and a raskmelding, pulse answers, some of them double-tapped) is
 * killed with SIGKILL at a random moment in each round and started again on the same data
 * folder (embedded Azurite). Prints what users saw confirmed against what is stored
 * (crash-kit.ts). Exit code 1 when anything was lost, doubled or half-written, or when
 * more than one Azurite ran on the folder.
 */
import { runCrash } from './crash-kit.js';

function roundsArg(argv: readonly string[]): number {
  const i = argv.indexOf('--rounds');
  const value = i >= 0 ? Number(argv[i + 1]) : Number(process.env.BENCH_CRASH_ROUNDS ?? 20);
  if (!Number.isInteger(value) || value < 1) throw new Error('--rounds takes a whole number of rounds, e.g. --rounds 50');
  return value;
}

async function main(): Promise<void> {
  const rounds = roundsArg(process.argv.slice(2));
  console.log(`bench:crash: ${rounds} rounds of mixed traffic, each ended by kill -9 of the bot`);
  // As the crash test: every other round the kill comes just after a sickness case was confirmed.
  const r = await runCrash({ rounds, killAfterMs: [0, 2000], killAfterCaseMs: [0, 2000], log: (line) => console.log(`  ${line}`) });
  const azuriteOk = r.azurite.every((n) => n === 1);
  console.log('');
  console.log(`rounds:                  ${r.rounds}`);
  console.log(`requests sent:           ${r.requests}`);
  const k = r.confirmedByKind;
  console.log(`writes confirmed:        ${r.confirmed} (${k.action} actions, ${k.case} sickness cases, ${k.contact} contacts, ${k.closed} raskmeldinger, ${k.answer} pulse answers)`);
  console.log(`confirmed writes lost:   ${r.lost}`);
  console.log(`duplicates:              ${r.duplicates}`);
  console.log(`partial records:         ${r.partial}`);
  console.log(`unfinished writes finished after restart: ${r.repaired}`);
  console.log(`Azurite processes on the folder after each restart: ${azuriteOk ? 'always 1' : r.azurite.join(', ')}`);
  console.log(`duration:                ${(r.durationMs / 1000).toFixed(1)} s`);
  for (const p of r.problems.slice(0, 20)) console.log(`  ${p}`);
  process.exitCode = r.lost + r.duplicates + r.partial === 0 && azuriteOk ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
