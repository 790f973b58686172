import { EXIT, UsageError, asReconError } from '../base/recon-error.js';
import { INGEST_HELP, ingestCommand } from './ingest-command.js';
import { RECONCILE_HELP, reconcileCommand } from './reconcile-command.js';
import { EXPORT_HELP, exportCommand } from './export-command.js';
import { version } from '../base/version.js';
import { EXPLAIN_HELP, explainCommand } from './explain-command.js';
import { POLICIES_HELP, policiesCommand } from './policies-command.js';
import { RUN_HELP, runCommand } from './run-command.js';

const EXIT_CODES = `Exit codes: 0 done; 1 failed; 2 usage error; 3 another run holds the database;
            4 done, but an input file was rejected whole; 130 / 143 stopped by SIGINT / SIGTERM.`;

/** Each command's own help: `recon <command> --help` (or -h, or `recon help <command>`) prints it alone. */
const HELPS: Record<string, string> = { run: RUN_HELP, ingest: INGEST_HELP, reconcile: RECONCILE_HELP, export: EXPORT_HELP, explain: EXPLAIN_HELP, policies: POLICIES_HELP };

const HELP = `recon: reconciliation of resident medical-insurance contributions (居民医保个人缴费对账)

Commands:
  ${Object.values(HELPS).join('\n\n').split('\n').join('\n  ')}

${EXIT_CODES}`;

type Command = (argv: string[], out: NodeJS.WritableStream) => Promise<number>;
const COMMANDS: Record<string, Command> = { run: runCommand, ingest: ingestCommand, reconcile: reconcileCommand, export: exportCommand, explain: explainCommand, policies: policiesCommand };

/**
 * Entry point of the `recon` bin. The one place where errors become exit codes: data problems never
 * arrive here (they are values in the reports); only what stops a run does, carrying its exit code.
 */
export async function main(argv: string[]): Promise<number> {
  // Everything this process creates (database, WAL, outputs) is owner-only: files 0600, folders 0700.
  // `--group` shares the outputs alone, by explicit chmod/chown (export/group-access.ts), not by this umask.
  process.umask(0o077);
  const [name, ...rest] = argv;
  const helpFor = name === 'help' ? rest[0] : wantsHelp(rest) ? name : undefined;
  if (helpFor !== undefined && HELPS[helpFor]) {
    process.stdout.write(`${HELPS[helpFor]}\n\n${EXIT_CODES}\n`);
    return EXIT.done;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP + '\n');
    return name === undefined ? EXIT.usage : EXIT.done;
  }
  if (name === '--version') {
    process.stdout.write(`${version()}\n`);
    return EXIT.done;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`recon: unknown command "${name}"\n\n${HELP}\n`);
    return EXIT.usage;
  }
  try {
    return await command(rest, process.stdout);
  } catch (err) {
    // The one place errors become exit codes: each carries its own (base/recon-error.ts); any other is a failure.
    const e = asReconError(parseArgsError(err) ?? err);
    const help = e.exitCode === EXIT.usage ? `(see recon ${name} --help)\n` : '';
    process.stderr.write(`recon ${name}: ${e.heading}${e.message}\n${help}`);
    return e.exitCode;
  }
}

/** node:util's parseArgs refusing the command line (an unknown option, a missing value): a usage error. */
function parseArgsError(err: unknown): UsageError | null {
  return (err as NodeJS.ErrnoException | null)?.code?.startsWith('ERR_PARSE_ARGS') ? new UsageError((err as Error).message) : null;
}

/** `--help` or `-h` among a command's options (not after `--`, where it would be a file named so). */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  const options = end === -1 ? args : args.slice(0, end);
  return options.includes('--help') || options.includes('-h');
}
