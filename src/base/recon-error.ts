/** Exit codes of spec 6. */
export const EXIT = { done: 0, failed: 1, usage: 2, locked: 3, fileRejected: 4 } as const;

/**
 * An error that stops a command, carrying the process's exit code (spec 6). Errors are raised where the
 * problem is known, in any layer; the one catch in src/cli/main.ts writes `recon <command>: <heading>
 * <message>` on stderr and exits with `exitCode`, adding a pointer to the command's --help for a usage
 * error (exit 2). Any other error (a database's, a filesystem's) is a failure: exit 1, `failed: <message>`.
 * Data problems never arrive there: they are values in the reports. Messages never carry ID numbers or
 * names: errors are raised with counts, files and line numbers only.
 */
export class ReconError extends Error {
  /** The process's exit code when this error ends the command. */
  readonly exitCode: number = EXIT.failed;
  /** What stderr says between `recon <command>: ` and the message. */
  readonly heading: string = 'failed: ';
}

/** Bad command line: exit code 2, with the message and a pointer to --help. */
export class UsageError extends ReconError {
  override readonly exitCode: number = EXIT.usage;
  override readonly heading: string = '';
}

/** `err` as the ReconError it ends the command with: itself, or a failure (exit 1) with its message. */
export function asReconError(err: unknown): ReconError {
  if (err instanceof ReconError) return err;
  return new ReconError(err instanceof Error ? err.message : String(err), { cause: err });
}
