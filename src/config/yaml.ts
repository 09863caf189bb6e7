import { LineCounter, parseDocument, isMap, isScalar, visit, type Document } from 'yaml';
import { z } from 'zod';
import { invalidInput, type Problem } from '../core/errors.js';
import { descriptionAt, didYouMean, knownKeysAt } from './hints.js';
import { SOURCE_KINDS } from './sources.js';

// Each document is checked once a run: building zod's compiled checkers took longer than
// checking csp.yaml without them (45 ms against 25 ms).
z.config({ jitless: true });

export interface ParsedYaml<T> {
  value: T;
  /** The 1-based line of a dotted key path (e.g. ranking.criteria.volume), for messages. */
  lineOf(key: string | undefined): number | undefined;
}

/**
 * Parses a YAML file against a zod schema. Every problem is reported at once, each with its
 * key path, its line and a hint (an unknown key gets "did you mean …").
 */
export function parseYaml<S extends z.ZodType>(schema: S, text: string, shown: string): ParsedYaml<z.output<S>> {
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
  const data = toData(doc, lineCounter, shown);
  const parsed = schema.safeParse(data ?? {});
  if (!parsed.success) {
    throw invalidInput(parsed.error.issues.flatMap((issue) => describeIssue(schema, issue, { data, doc, lc: lineCounter, file: shown })));
  }
  return { value: parsed.data, lineOf: (key) => lineOfPath(doc, lineCounter, keyPath(key)) };
}

/**
 * The document as plain data. Aliases (*name) that expand without bound ("billion laughs": ten
 * aliases of ten aliases of …) make the YAML library stop with "Excessive alias count": that is
 * a file csp will not read (exit 2, naming it and the first alias's line), not a bug in csp.
 */
function toData(doc: Document, lc: LineCounter, shown: string): unknown {
  try {
    return doc.toJS();
  } catch (e) {
    let line: number | undefined;
    visit(doc, {
      Alias(_, node) {
        line = node.range ? lc.linePos(node.range[0]).line : undefined;
        return visit.BREAK;
      },
    });
    throw invalidInput({
      message: `the YAML aliases (*name) expand too far to be read (${(e as Error).message.split('\n')[0]})`,
      where: { file: shown, line },
      hint: 'write the values out instead of repeating anchors (&name) with aliases; csp.yaml and plan.yaml need no aliases',
    });
  }
}

/** The document an issue is about: its data, its YAML tree and lines, and its name as shown. */
interface Parsed {
  data: unknown;
  doc: Document;
  lc: LineCounter;
  file: string;
}

function describeIssue(schema: z.ZodType, issue: z.core.$ZodIssue, { data, doc, lc, file }: Parsed): Problem[] {
  const base = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeysAt(schema, issue.path, data);
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
    return [
      {
        message: `"${name}" is not a built-in criterion (${builtIn.join(', ')}); a criterion scored by practitioners needs judged: true`,
        where: { file, key: base.slice(0, -1).join('.'), line: lineOfPath(doc, lc, base.slice(0, -1)) },
        hint: didYouMean(name, builtIn) ? `did you mean "${didYouMean(name, builtIn)}"?` : undefined,
      },
    ];
  }
  if (issue.code === 'invalid_union' && base[0] === 'sources' && (base.length === 2 || base[2] === 'kind')) {
    message = 'unknown or missing source kind';
    hint = `set kind to one of: ${SOURCE_KINDS.join(', ')}`;
  } else if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) {
    message = `missing required key (${issue.expected} expected)`;
  }
  // What the key is for, from the schema: enough to write it without opening the JSON Schema.
  if (!hint && issue.code === 'invalid_type') {
    const what = descriptionAt(schema, issue.path, data);
    if (what) hint = `${base.at(-1)}: ${what}`;
  }
  return [{ message, where: { file, key, line: lineOfPath(doc, lc, base) }, hint }];
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
    const node = doc.getIn(
      pathKeys.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k)),
      true,
    ) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}
