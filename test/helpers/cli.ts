import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = `${ROOT}bin/recon.js`;

/**
 * The CLI in tests writes the seven CSVs and the manifest only (`RECON_TEST_OUTPUTS=csv`,
 * src/export/export-outputs.ts): workbook.xlsx and report.html cost a third of a small run. A test file that
 * checks them, or the full list of outputs, calls `allOutputs()` at its top (each test file runs in a
 * process of its own).
 */
export function allOutputs(): void {
  process.env.RECON_TEST_OUTPUTS = 'all';
}

/** The environment of a CLI child: the test's, no failpoint, CSV-only outputs unless the file asked for all. */
function cliEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, RECON_FAILPOINT: '', RECON_TEST_OUTPUTS: process.env.RECON_TEST_OUTPUTS ?? 'csv', ...extra };
}

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Runs the real `recon` bin (compiled dist/, as `npx recon` does) in a child process; optionally as another
 * user (uid/gid, when the tests run as root) or killed after `timeout` ms (a run that would hang).
 */
export function recon(args: string[], options: { env?: Record<string, string>; cwd?: string; uid?: number; gid?: number; timeout?: number } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT, uid: options.uid, gid: options.gid, timeout: options.timeout,
    env: cliEnv(options.env),
    encoding: 'utf8',
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export type RunningCli = {
  pid: number;
  /** Resolves once stderr contains `text` (e.g. `failpoint ingest-row:3 paused`). */
  waitForStderr(text: string): Promise<void>;
  /** Resolves with the exit code (null when killed) and everything printed. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  kill9(): void;
};

/** Starts the real `recon` bin without waiting for it: for runs that are paused, raced or killed. */
export function reconStart(args: string[], options: { env?: Record<string, string> } = {}): RunningCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cliEnv(options.env) });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    for (const w of waiters.filter((x) => stderr.includes(x.text))) w.resolve();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return {
    pid: child.pid!,
    waitForStderr: (text) => new Promise<void>((resolve, reject) => {
      if (stderr.includes(text)) return resolve();
      waiters.push({ text, resolve });
      void exited.then((r) => reject(new Error(`exited (${r.code ?? r.signal}) before printing "${text}": ${r.stderr}`)));
    }),
    exited,
    kill9: () => { child.kill('SIGKILL'); },
  };
}
