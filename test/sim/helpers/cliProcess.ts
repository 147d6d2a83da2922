/** The CLI as a user runs it: `npx tsx scripts/sim.ts ...args` in a child process, cwd = the repository. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface CliResult { readonly code: number | null; readonly stdout: string; readonly stderr: string }

/** Runs `npx tsx scripts/sim.ts ...args`; resolves with the exit status whatever it is. */
export function sim(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile('npx', ['--no-install', 'tsx', 'scripts/sim.ts', ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 110_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}
