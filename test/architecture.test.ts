// The stages of src/, lowest first: a file may import its own stage and any stage before it,
// never one after it. config and samples share a stage but may not import each other (the
// sample-data generator stands on core and util alone). .dependency-cruiser.cjs says the same
// for `npm run lint`; this test checks it with code of its own (TypeScript's import scanner),
// so a mistake in one is caught by the other. No build needed: it reads the .ts sources.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

interface Stage {
  name: string;
  rank: number;
}

/** By folder under src/; a file directly in src/ (cli.ts) is the top stage, cli. */
const STAGES: Record<string, number> = {
  core: 0,
  util: 1,
  config: 2,
  samples: 2,
  ingest: 3,
  validate: 4,
  analyse: 5,
  rank: 6,
  render: 7,
  commands: 8,
};
const CLI: Stage = { name: 'cli', rank: 9 };

/** The stage of a path like `src/ingest/kinds/police.ts`; undefined outside src/ or in a folder that is no stage. */
function stageOf(file: string): Stage | undefined {
  const parts = file.split('/');
  if (parts[0] !== 'src') return undefined;
  if (parts.length === 2) return CLI;
  const rank = STAGES[parts[1]!];
  return rank === undefined ? undefined : { name: parts[1]!, rank };
}

/** A relative specifier resolved the NodeNext way: `./x.js` is `x.ts`, `./dir/index.js` is `dir/index.ts`. */
function resolveSpecifier(from: string, specifier: string, files: ReadonlyMap<string, string>): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return undefined; // a package or node: built-in
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  const candidates = [target.replace(/\.([mc]?)js$/, '.$1ts'), target, `${target}.ts`, `${target}/index.ts`];
  // Not among the files (a .json, or a file that is gone): its path still says its stage.
  return candidates.find((c) => files.has(c)) ?? candidates[0];
}

/** The specifiers a file imports or re-exports (static, `import type`, dynamic `import()`, `require`). */
function specifiersOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * Every import of a stage above the importer's own (or of the other stage-2 sibling), as
 * `importer → target`, from files given as path (`src/...`, `/`-separated) → source text.
 */
function upwardImports(files: ReadonlyMap<string, string>): string[] {
  const found: string[] = [];
  for (const [file, text] of files) {
    const from = stageOf(file);
    if (from === undefined) continue; // files outside a stage: see the test below
    for (const specifier of specifiersOf(text)) {
      const target = resolveSpecifier(file, specifier, files);
      if (target === undefined) continue;
      const to = stageOf(target);
      if (to === undefined) continue; // outside src/ (package.json, say): not a stage question
      const upward = to.rank > from.rank || (to.rank === from.rank && to.name !== from.name);
      // The sample generator is a tool of `csp init`: only the commands may use it.
      const samplesOutsideCommands = to.name === 'samples' && from.name !== 'samples' && from.rank < STAGES.commands!;
      if (upward || samplesOutsideCommands) found.push(`${file} (${from.name}) → ${target} (${to.name})`);
    }
  }
  return found.sort();
}

/** src/**\/*.ts as `src/...` → text. */
function sources(): Map<string, string> {
  const files = new Map<string, string>();
  const src = path.join(ROOT, 'src');
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.d.ts')) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(ROOT, full).split(path.sep).join('/'), readFileSync(full, 'utf8'));
  }
  return files;
}

describe('architecture: stages of src/', () => {
  const files = sources();

  it('no file in src/ imports a stage above its own', () => {
    expect(files.size).toBeGreaterThan(50); // the scan found the sources
    const violations = upwardImports(files);
    expect(violations, `upward imports (a lower stage importing a higher one):\n  ${violations.join('\n  ')}\n`).toEqual([]);
  });

  it('every file in src/ belongs to a stage', () => {
    const outside = [...files.keys()].filter((f) => stageOf(f) === undefined);
    expect(outside, `files in a folder that is no stage (add it to STAGES here and in .dependency-cruiser.cjs):\n  ${outside.join('\n  ')}\n`).toEqual([]);
  });

  it('the scan sees the imports (it is not passing on nothing)', () => {
    const resolved: string[] = [];
    for (const [file, text] of files) {
      for (const specifier of specifiersOf(text)) {
        const target = resolveSpecifier(file, specifier, files);
        if (target !== undefined) resolved.push(target);
      }
    }
    expect(resolved.length).toBeGreaterThan(100);
    // NodeNext `.js` specifiers land on .ts files that exist.
    expect(resolved.filter((t) => t.endsWith('.ts') && files.has(t)).length).toBeGreaterThan(100);
  });
});

describe('architecture: the checker itself', () => {
  it('catches an import from a lower stage to a higher one', () => {
    const files = new Map([
      ['src/ingest/a.ts', "import { b } from '../analyse/b.js';\nexport const a = b;\n"],
      ['src/analyse/b.ts', 'export const b = 1;\n'],
    ]);
    expect(upwardImports(files)).toEqual(['src/ingest/a.ts (ingest) → src/analyse/b.ts (analyse)']);
  });

  it('passes an import from a higher stage to a lower one', () => {
    const files = new Map([
      ['src/analyse/b.ts', "import { a } from '../ingest/a.js';\nexport const b = a;\n"],
      ['src/ingest/a.ts', "import { c } from './c.js';\nexport const a = c;\n"],
      ['src/ingest/c.ts', 'export const c = 1;\n'],
    ]);
    expect(upwardImports(files)).toEqual([]);
  });

  it('sees type-only imports, re-exports, dynamic imports and index.js; ignores packages and built-ins', () => {
    const files = new Map([
      [
        'src/core/x.ts',
        [
          "import type { T } from '../render/t.js';",
          "export { u } from '../util/u.js';",
          "export * from '../rank/index.js';",
          "const m = () => import('../commands/m.js');",
          "import { z } from 'zod';",
          "import { readFileSync } from 'node:fs';",
          "import pkg from '../../package.json' with { type: 'json' };",
          'export const x: T = [m, z, readFileSync, pkg];',
        ].join('\n'),
      ],
      ['src/rank/index.ts', 'export const r = 1;\n'],
    ]);
    expect(upwardImports(files)).toEqual([
      'src/core/x.ts (core) → src/commands/m.ts (commands)',
      'src/core/x.ts (core) → src/rank/index.ts (rank)',
      'src/core/x.ts (core) → src/render/t.ts (render)',
      'src/core/x.ts (core) → src/util/u.ts (util)',
    ]);
  });

  it('lets only the commands use the sample generator', () => {
    const files = new Map([
      ['src/ingest/i.ts', "import { s } from '../samples/s.js';\n"],
      ['src/render/r.ts', "import { s } from '../samples/s.js';\n"],
      ['src/commands/init.ts', "import { s } from '../samples/s.js';\n"],
      ['src/samples/s.ts', "import { k } from '../core/k.js';\n"],
    ]);
    expect(upwardImports(files)).toEqual(['src/ingest/i.ts (ingest) → src/samples/s.ts (samples)', 'src/render/r.ts (render) → src/samples/s.ts (samples)']);
  });

  it('keeps config and samples apart, and puts files directly in src/ at the top', () => {
    const files = new Map([
      ['src/config/c.ts', "import { s } from '../samples/s.js';\n"],
      ['src/samples/s.ts', "import { k } from '../core/k.js';\nimport { u } from '../util/u.js';\nimport { c } from '../config/c.js';\n"],
      ['src/util/u.ts', "import { run } from '../cli.js';\n"],
      ['src/commands/d.ts', "import { s } from '../samples/s.js';\nimport { c } from '../config/c.js';\n"],
    ]);
    expect(upwardImports(files)).toEqual([
      'src/config/c.ts (config) → src/samples/s.ts (samples)',
      'src/samples/s.ts (samples) → src/config/c.ts (config)',
      'src/util/u.ts (util) → src/cli.ts (cli)',
    ]);
  });
});
