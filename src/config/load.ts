import path from 'node:path';
import { invalidInput, type Problem } from '../core/errors.js';
import { configSchema, type RawConfig } from './schema.js';
import { didYouMean } from './hints.js';
import { parseYaml } from './yaml.js';
import { allCrimeSource } from './all-crime.js';
import { readInputFile } from '../util/input-file.js';

export interface Config extends RawConfig {
  /** Absolute path of csp.yaml. */
  file: string;
  /** Folder of csp.yaml: every relative path in the config is relative to it. */
  baseDir: string;
}

/** Reads csp.yaml and returns the typed config, or throws one CspError listing every problem. */
export function loadConfig(configPath: string): Config {
  const file = path.resolve(configPath);
  // A folder, a device or a 2 GB file named as csp.yaml is refused naming it, not read (EISDIR).
  const text = readInputFile(
    file,
    { file: path.relative(process.cwd(), file) || file },
    {
      message: `config file not found: ${configPath}`,
      hint: 'without --config, csp looks for csp.yaml in this folder and the folders above it; pass --config PATH, or run `csp init` to create a workspace with a commented csp.yaml',
    },
    MAX_YAML_BYTES,
  );
  return parseConfig(text.toString('utf8'), file);
}

/** csp.yaml and plan.yaml are a few kilobytes; one over 16 MB is not one. */
export const MAX_YAML_BYTES = 16 * 1024 * 1024;

export function parseConfig(text: string, file: string): Config {
  const shown = path.relative(process.cwd(), file) || file;
  const parsed = parseYaml(configSchema, text, shown);
  const config: Config = { ...parsed.value, file, baseDir: path.dirname(file) };
  const problems = crossCheck(config).map((p) => ({
    ...p,
    where: { file: shown, key: p.where?.key, line: parsed.lineOf(p.where?.key) },
  }));
  if (problems.length > 0) throw invalidInput(problems);
  LINES.set(config, parsed.lineOf);
  return config;
}

/**
 * Each config's key lines, from the one parse that made it: kept beside the config, not in it,
 * so the config stays plain data (assessment.json records it).
 */
const LINES = new WeakMap<Config, (key: string | undefined) => number | undefined>();

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
  problems.push(...allCrimeProblems(config, sourceIds));
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

/** The all-crime figure needs a source of crimes: police street files, or the one allCrime names. */
function allCrimeProblems(config: Config, sourceIds: string[]): Problem[] {
  if (config.allCrime) {
    const s = config.sources[config.allCrime.source];
    if (!s) {
      const guess = didYouMean(config.allCrime.source, sourceIds);
      return [
        {
          message: `allCrime.source "${config.allCrime.source}" is not in sources`,
          where: { key: 'allCrime.source' },
          hint: guess ? `did you mean "${guess}"?` : `sources are: ${sourceIds.join(', ')}`,
        },
      ];
    }
    if (!['police-uk-street', 'records', 'counts'].includes(s.kind)) {
      return [
        {
          message: `allCrime.source "${config.allCrime.source}" is a ${s.kind} source, which holds no crimes`,
          where: { key: 'allCrime.source' },
          hint: 'name a police-uk-street, records or counts source',
        },
      ];
    }
    return [];
  }
  if (allCrimeSource(config)) return [];
  return [
    {
      message: 'there is no source for all crime: no police-uk-street source, and allCrime does not name one',
      where: { key: 'sources' },
      hint: "add the data.police.uk street files as a source with kind: police-uk-street, or name the force's own crime export (a records or counts source) in allCrime: {source: ID}",
    },
  ];
}

/** The line of a config key (e.g. ranking.criteria.volume.thresholds) in csp.yaml, for messages. */
export function lineOfKey(config: Config, key: string): number | undefined {
  return LINES.get(config)?.(key);
}
