// dependency-cruiser: the stage rules of src/ (`npx depcruise src --config .dependency-cruiser.cjs`,
// part of `npm run lint`). test/architecture.test.ts checks the same rule with its own code.
//
// The stages, lowest first. A file may import its own stage and any stage before it, never one
// after it. config and samples share stage 2 but are not to import each other: the sample-data
// generator stands on core and util alone.
//   0 core      errors, clock, io, version, calendar (months, periods), words and number formats
//   1 util      file-system helpers
//   2 config    csp.yaml: schema, loading, sources
//   2 samples   the sample-data generator
//   3 ingest    partners' files into DuckDB
//   4 validate
//   5 analyse
//   6 rank
//   7 render
//   8 commands
//   9 cli       src/cli.ts (and any other file directly in src/)

/** @type {{ name: string, rank: number, path: string }[]} */
const STAGES = [
  { name: 'core', rank: 0, path: '^src/core/' },
  { name: 'util', rank: 1, path: '^src/util/' },
  { name: 'config', rank: 2, path: '^src/config/' },
  { name: 'samples', rank: 2, path: '^src/samples/' },
  { name: 'ingest', rank: 3, path: '^src/ingest/' },
  { name: 'validate', rank: 4, path: '^src/validate/' },
  { name: 'analyse', rank: 5, path: '^src/analyse/' },
  { name: 'rank', rank: 6, path: '^src/rank/' },
  { name: 'render', rank: 7, path: '^src/render/' },
  { name: 'commands', rank: 8, path: '^src/commands/' },
  { name: 'cli', rank: 9, path: '^src/[^/]+$' },
];

/** Stages a file of `from` may not import: every later one, and config <-> samples. */
function forbiddenFor(from) {
  return STAGES.filter((to) => to.rank > from.rank || (to.rank === from.rank && to.name !== from.name));
}

/** A stage not listed above (a new folder under src/) is an error until it is given a place. */
const KNOWN = STAGES.map((s) => s.path);

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...STAGES.filter((from) => forbiddenFor(from).length > 0).map((from) => {
      const forbidden = forbiddenFor(from);
      const allowed = STAGES.filter((s) => s !== from && !forbidden.includes(s)).map((s) => s.name);
      return {
        name: `stage-${from.name}`,
        severity: 'error',
        comment: `${from.name} (stage ${from.rank}) may import itself and ${allowed.join(', ') || 'nothing else'}; not ${forbidden.map((s) => s.name).join(', ')}`,
        from: { path: from.path },
        to: { path: forbidden.map((s) => s.path) },
      };
    }),
    {
      name: 'samples-for-commands',
      severity: 'error',
      comment: 'the sample generator is a tool of `csp init`: only src/commands may import it',
      from: { path: '^src/(core|util|config|ingest|validate|analyse|rank|render)/' },
      to: { path: '^src/samples/' },
    },
    {
      name: 'stage-unknown',
      severity: 'error',
      comment: 'a folder under src/ that is not one of the stages: add it to .dependency-cruiser.cjs and test/architecture.test.ts',
      from: { path: '^src/', pathNot: KNOWN },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'part of an import cycle (type-only imports are erased at run time and do not count)',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    includeOnly: '^src/',
    doNotFollow: { path: 'node_modules' },
    // `import type` counts for the stages (a lower stage should not know a higher one's types),
    // not for cycles (see no-circular).
    tsPreCompilationDeps: true,
    // NodeNext: the sources import `./foo.js` for `./foo.ts`.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
