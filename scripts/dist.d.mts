/** Types for scripts/dist.mjs (plain JavaScript so it runs before anything is compiled). */
export interface DistState {
  root: string;
  /** dist/main.js exists. */
  built: boolean;
  /** No src/ (an unpacked bundle): dist/ is all there is. */
  bundle: boolean;
  /** dist/ was built from exactly the current sources (always true for a bundle). */
  current: boolean;
  /** TypeScript is installed, so a stale dist/ can be rebuilt. */
  canBuild: boolean;
  hash?: string;
  stamp?: string;
}
export function sourceHash(root: string): string | undefined;
export function distState(root: string): DistState;
/** Builds unless dist/ is current; `built` says whether tsc ran. */
export function build(root: string): { built: boolean; bundle: boolean };
