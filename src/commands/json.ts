import type { Problem } from '../core/errors.js';

/** A problem as scheduled jobs read it: flat, with only the fields that are known. */
export function problemJson(p: Problem) {
  return {
    message: p.message,
    ...(p.where?.file !== undefined && { file: p.where.file }),
    ...(p.where?.line !== undefined && { line: p.where.line }),
    ...(p.where?.column !== undefined && { column: p.where.column }),
    ...(p.where?.key !== undefined && { key: p.where.key }),
    ...(p.hint !== undefined && { hint: p.hint }),
  };
}
