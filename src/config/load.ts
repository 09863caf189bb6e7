import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isScalar, type Document } from 'yaml';
import { z } from 'zod';
import { invalidInput, type Problem } from '../errors.js';
import { configSchema, type RawConfig } from './schema.js';
import { didYouMean, knownKeysAt } from './hints.js';
import { SOURCE_KINDS } from './sources.js';

export interface Config extends RawConfig {
  /** Absolute path of csp.yaml. */
  file: string;
  /** Folder of csp.yaml: every relative path in the config is relative to it. */
  baseDir: string;
}

/** Reads csp.yaml and returns the typed config, or throws one CspError listing every problem. */
export function loadConfig(configPath: string): Config {
  const file = path.resolve(configPath);
  if (!existsSync(file)) {
    throw invalidInput({
      message: `config file not found: ${configPath}`,
      hint: 'pass --config PATH, or run `csp init` to create a workspace with a commented csp.yaml',
    });
  }
  return parseConfig(readFileSync(file, 'utf8'), file);
}

export function parseConfig(text: string, file: string): Config {
  const shown = path.relative(process.cwd(), file) || file;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw invalidInput(
      doc.errors.map((e) => ({
        message: `not valid YAML: ${e.message.split('\n')[0]}`,
        where: { file: shown, line: lineCounter.linePos(e.pos[0]).line },
        hint: 'check the indentation and that text containing ": " or "#" is in quotes',
      })),
    );
  }
  const data: unknown = doc.toJS();
  const parsed = configSchema.safeParse(data ?? {});
  if (!parsed.success) {
    throw invalidInput(parsed.error.issues.flatMap((issue) => describeIssue(issue, data, doc, lineCounter, shown)));
  }
  const config: Config = { ...parsed.data, file, baseDir: path.dirname(file) };
  const problems = crossCheck(config).map((p) => ({
    ...p,
    where: { file: shown, key: p.where?.key, line: lineOfPath(doc, lineCounter, keyPath(p.where?.key)) },
  }));
  if (problems.length > 0) throw invalidInput(problems);
  return config;
}

function describeIssue(issue: z.core.$ZodIssue, data: unknown, doc: Document, lc: LineCounter, file: string): Problem[] {
  const base = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(configSchema, issue.path, data);
    // Keys inside a mistyped criterion name: the "not a built-in criterion" message covers them.
    if (known.length === 0 && base.at(-2) === 'criteria') return [];
    return issue.keys.map((k) => {
      const suggestion = didYouMean(k, known);
      return {
        message: `unknown key "${k}"`,
        where: { file, key: [...base, k].join('.'), line: lineOfPath(doc, lc, [...base, k]) },
        hint: suggestion ? `did you mean "${suggestion}"?` : `allowed here: ${known.join(', ')}`,
      };
    });
  }
  const key = base.join('.') || '(top level)';
  let message = issue.message;
  let hint: string | undefined;
  if (base.at(-1) === 'judged' && base.at(-3) === 'criteria') {
    // An unknown key under ranking.criteria is read as a practitioners' (judged) criterion.
    const name = base.at(-2)!;
    const builtIn = ['volume', 'trend', 'harm', 'perception'];
    return [{
      message: `"${name}" is not a built-in criterion (${builtIn.join(', ')}); a criterion scored by practitioners needs judged: true`,
      where: { file, key: base.slice(0, -1).join('.'), line: lineOfPath(doc, lc, base.slice(0, -1)) },
      hint: didYouMean(name, builtIn) ? `did you mean "${didYouMean(name, builtIn)}"?` : undefined,
    }];
  }
  if (issue.code === 'invalid_union' && base.at(-1) !== 'files') {
    message = 'unknown or missing source kind';
    hint = `set kind to one of: ${SOURCE_KINDS.join(', ')}`;
  } else if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    message = `missing required key (${issue.expected} expected)`;
  }
  return [{ message, where: { file, key, line: lineOfPath(doc, lc, base) }, hint }];
}

/** Checks across keys that a schema cannot express. */
function crossCheck(config: Config): Problem[] {
  const problems: Problem[] = [];
  const names = config.geography.districts.flatMap((d) => [d.name, ...d.aliases]);
  if (!names.includes(config.partnership.area)) {
    problems.push({
      message: `partnership.area "${config.partnership.area}" is not one of geography.districts`,
      where: { key: 'partnership.area' },
      hint: didYouMean(config.partnership.area, names)
        ? `did you mean "${didYouMean(config.partnership.area, names)}"?`
        : 'add the district to geography.districts, spelt as in the police files',
    });
  }
  const sourceIds = Object.keys(config.sources);
  const seenThemes = new Set<string>();
  config.themes.forEach((theme, i) => {
    if (seenThemes.has(theme.id)) {
      problems.push({ message: `theme id "${theme.id}" is used twice`, where: { key: `themes.${i}.id` } });
    }
    seenThemes.add(theme.id);
    for (const sourceId of Object.keys(theme.categories)) {
      if (!sourceIds.includes(sourceId)) {
        const guess = didYouMean(sourceId, sourceIds);
        problems.push({
          message: `theme "${theme.id}" names source "${sourceId}", which is not in sources`,
          where: { key: `themes.${i}.categories.${sourceId}` },
          hint: guess ? `did you mean "${guess}"?` : `sources are: ${sourceIds.join(', ')}`,
        });
      }
    }
  });
  return problems;
}

/** The line of a config key (e.g. ranking.criteria.volume.thresholds) in csp.yaml, for messages. */
export function lineOfKey(config: Config, key: string): number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(config.file, 'utf8'), { lineCounter });
  return lineOfPath(doc, lineCounter, keyPath(key));
}

function keyPath(key: string | undefined): string[] {
  return key ? key.split('.') : [];
}

/** The 1-based line of a key path in the YAML, or of its nearest existing parent. */
function lineOfPath(doc: Document, lc: LineCounter, pathKeys: readonly string[]): number | undefined {
  for (let n = pathKeys.length; n > 0; n--) {
    const parentPath = pathKeys.slice(0, n - 1).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === pathKeys[n - 1]);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lc.linePos(range[0]).line;
    }
    const node = doc.getIn(pathKeys.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k)), true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}
