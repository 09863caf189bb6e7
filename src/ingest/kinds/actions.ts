import type { z } from 'zod';
import type { actionsSource } from '../../config/sources.js';
import { mapStaged, number, text } from '../map.js';
import { resolveColumns } from '../staging.js';
import type { KindMapper } from './context.js';

type ActionsSource = z.output<typeof actionsSource>;

/** Statuses as action plans write them, normalised to the three the plan reports. */
const STATUS = `CASE
  WHEN f_status_text IN ('completed', 'complete', 'done', 'achieved') THEN 'completed'
  WHEN f_status_text IN ('ongoing', 'on going', 'in progress', 'on track', 'started') THEN 'ongoing'
  WHEN f_status_text IN ('carried forward', 'carry forward', 'carried over', 'deferred') THEN 'carried forward'
END`;

/** Last year's action plan with statuses and measures ("Community Protection Notices 34 → 74"). */
export const mapActions: KindMapper<ActionsSource> = async (staged, source, ctx) => {
  const col = resolveColumns(staged, source.columns, ctx.shownPath, `${ctx.key}.columns`);
  const opt = (c: string | undefined) => (c ? text(c) : 'NULL');
  return mapStaged(ctx.db, staged, {
    source: ctx.sourceId,
    fileId: ctx.fileId,
    fields: {
      f_action: text(col.action!),
      f_status_text: `lower(${text(col.status!)})`,
      f_baseline_text: opt(col.baseline),
      f_baseline: col.baseline ? number(col.baseline) : 'NULL::DOUBLE',
      f_latest_text: opt(col.latest),
      f_latest: col.latest ? number(col.latest) : 'NULL::DOUBLE',
    },
    checks: [
      { when: 'f_action IS NULL', reason: 'the action is empty', code: 'empty-action', column: source.columns.action, value: 'f_action' },
      {
        when: `(${STATUS}) IS NULL`,
        reason: 'the status must be completed, ongoing or carried forward',
        code: 'unknown-status',
        column: source.columns.status,
        value: 'f_status_text',
      },
      {
        when: 'f_baseline_text IS NOT NULL AND f_baseline IS NULL',
        reason: 'the baseline is not a number',
        code: 'baseline-not-a-number',
        column: source.columns.baseline ?? null,
        value: 'f_baseline_text',
      },
      {
        when: 'f_latest_text IS NOT NULL AND f_latest IS NULL',
        reason: 'the latest value is not a number',
        code: 'latest-not-a-number',
        column: source.columns.latest ?? null,
        value: 'f_latest_text',
      },
    ],
    target: 'actions',
    inserts: [
      {
        action: 'f_action',
        theme: opt(col.theme),
        status: STATUS,
        measure: opt(col.measure),
        baseline: 'f_baseline',
        latest: 'f_latest',
      },
    ],
  });
};
