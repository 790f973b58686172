/**
 * The import rule of src/ (docs/architecture.md), checked by `npm run check:layers`, which `npm test` runs
 * first (the `pretest` script), so CI fails on a break:
 *
 *   cli → run → ingest | reconcile | export → db | policy → normalise → regions → base
 *
 * A folder may import its own files and any folder below it, never one above it nor a sibling on its
 * floor (ingest, reconcile and export meet only in run/; db and policy never import each other), and no
 * import cycle anywhere, type-only imports included: a cycle of types still ties the files together.
 */
const LAYERS = [['cli'], ['run'], ['ingest', 'reconcile', 'export'], ['db', 'policy'], ['normalise'], ['regions'], ['base']];

const upward = LAYERS.flatMap((floor, i) => floor.map((folder) => {
  const above = LAYERS.slice(0, i).flat();
  const beside = floor.filter((f) => f !== folder);
  const forbidden = [...above, ...beside];
  return forbidden.length === 0 ? null : {
    name: `${folder}-imports-up-or-sideways`,
    comment: `src/${folder}/ may not import ${forbidden.map((f) => `src/${f}/`).join(', ')} (above it or beside it)`,
    severity: 'error',
    from: { path: `^src/${folder}/` },
    to: { path: `^src/(${forbidden.join('|')})/` },
  };
})).filter(Boolean);

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'An import cycle, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-file-outside-a-layer',
      comment: 'Every source file belongs to a layer folder: a file directly in src/, or in a folder the rule does not name, has no place in it (importing or imported).',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${LAYERS.flat().join('|')})/` },
      to: {},
    },
    {
      name: 'no-import-of-a-file-outside-a-layer',
      comment: 'The same, seen from the importing side.',
      severity: 'error',
      from: {},
      to: { path: '^src/', pathNot: `^src/(${LAYERS.flat().join('|')})/` },
    },
    {
      name: 'no-command-imports-a-command',
      comment: 'A command imports what it shares with another from a file of its own, not from the other command.',
      severity: 'error',
      from: { path: '^src/cli/[^/]+-command\\.ts$' },
      to: { path: '^src/cli/[^/]+-command\\.ts$' },
    },
    ...upward,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
