#!/usr/bin/env node
// The `recon` command. The TypeScript sources are compiled to dist/ by `npm ci` (the `prepare` script).
let finished = false;
// Output piped into `head` and closed early is not a failure of the command.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
process.on('exit', () => {
  // A run whose work never completed must not look like success (e.g. a promise left waiting forever).
  if (!finished && !process.exitCode) {
    process.stderr.write('recon: stopped before the command finished\n');
    process.exitCode = 1;
  }
});
import('../dist/cli/main.js').then((m) => m.main(process.argv.slice(2))).then((code) => {
  finished = true;
  process.exitCode = code;
});
