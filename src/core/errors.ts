/**
 * One error type for every expected failure, and the exit-code table (DESIGN §7).
 * Anything thrown that is not a CspError is a bug: the CLI says "Unexpected error"
 * and points to --debug.
 */
export const EXIT = {
  ok: 0,
  unexpected: 1,
  invalidInput: 2,
  environment: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** Where a problem is: as much of file, line, column and config key as is known. */
export interface Where {
  file?: string;
  line?: number;
  column?: string;
  key?: string;
}

export interface Problem {
  message: string;
  where?: Where;
  /** The next step for the user, e.g. "set `delimiter: ';'` on this source". */
  hint?: string;
}

export class CspError extends Error {
  readonly exitCode: ExitCode;
  readonly problems: Problem[];
  /** The problems were already printed (in a report): the CLI only sets the exit code. */
  reported = false;

  constructor(exitCode: ExitCode, problems: Problem | Problem[]) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join('\n'));
    this.name = 'CspError';
    this.exitCode = exitCode;
    this.problems = list;
  }
}

export const invalidInput = (problems: Problem | Problem[]) => new CspError(EXIT.invalidInput, problems);
export const environmentError = (problems: Problem | Problem[]) => new CspError(EXIT.environment, problems);

export function formatWhere(where: Where | undefined): string {
  if (!where) return '';
  const parts: string[] = [];
  if (where.file) parts.push(where.line ? `${where.file}:${where.line}` : where.file);
  if (where.column) parts.push(`column "${where.column}"`);
  if (where.key) parts.push(where.key);
  return parts.join(', ');
}

export function formatProblem(p: Problem): string {
  const where = formatWhere(p.where);
  return `${where ? `${where}: ` : ''}${p.message}${p.hint ? `\n  → ${p.hint}` : ''}`;
}

/** Marks an error whose problems the command has already printed. */
export function reported(e: CspError, yes = true): CspError {
  e.reported = yes;
  return e;
}
