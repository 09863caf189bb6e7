/** What `csp validate` found: the validation report's shapes, read by validate's printer, analyse and rank. */
import type { Problem } from '../core/errors.js';
import type { PartialMonth } from './partial-months.js';
import type { RejectCode } from '../ingest/reject-codes.js';
import type { SourceRead } from '../ingest/index.js';

export interface RejectReason {
  reason: string;
  /** What kind of reject (ingest/reject-codes.ts): what code reads, where people read the reason. */
  code: RejectCode;
  column: string | null;
  rows: number;
  examples: { file: string; line: number | null; value: string | null }[];
}

export interface CategoryCount {
  category: string;
  rows: number;
  themes: string[];
}

export interface SourceReport extends SourceRead {
  months: string[];
  missingMonths: string[];
  /** Months partially published: for police, judged on the crime rows. */
  partialMonths: PartialMonth[];
  /** Police only: months whose ASB rows are partial (published apart from the crimes). */
  asbPartialMonths: PartialMonth[];
  /**
   * The same judged on the partnership area's rows alone, where the whole source does not show
   * it (a month with the area's LSOAs missing): months not already in the lists above.
   */
  areaPartialMonths: PartialMonth[];
  areaAsbPartialMonths: PartialMonth[];
  rejects: RejectReason[];
  categories: CategoryCount[];
  unmappedCategories: string[];
  /** Police rows in districts not listed in geography.districts (neighbouring forces' LSOAs). */
  outsideForce: { district: string; rows: number }[];
  /** Police rows with no LSOA (no location published). */
  noLocation: number;
  /** Police: the rows with no location in each month that has any, against the month's rows. */
  noLocationByMonth: { month: string; rows: number; total: number; sharePct: number }[];
  /** LSOA codes that start or stop part-way through the months: a boundary change (2011 → 2021 LSOAs). */
  boundaryChanges: { appeared: number; disappeared: number; examples: string[] } | null;
  /** Categories that start or stop part-way through the source's months (a category change). */
  categoryChanges: { category: string; firstMonth: string; lastMonth: string }[];
  /**
   * Records and counts: where the rows were placed (ingest/place.ts). Rows of other districts
   * are comparators, not the partnership's; rows that could not be placed count nowhere.
   */
  placement: Placement | null;
  /**
   * Counts only: an area given twice for one period and category (its rows counted twice), and
   * an area code given under two names (with `columns.areaName`).
   */
  repeatedAreas: { keys: number; rows: number; examples: string[]; codesWithTwoNames: { code: string; names: string[] }[] } | null;
  /** Districts found under an old name (an alias in geography.districts) and counted under the new one. */
  renamedDistricts: { from: string; to: string; rows: number; firstMonth: string; lastMonth: string }[];
}

export interface Placement {
  /** Rows (and incidents, for counts) in the partnership area. */
  area: { rows: number; incidents: number };
  /** Other districts of the force. */
  otherDistricts: { district: string; rows: number; incidents: number }[];
  /** Districts that are not in geography.districts. */
  outsideForce: { district: string; rows: number; incidents: number }[];
  /** Rows whose area could not be placed in any district, with examples of their areas. */
  unplaced: { rows: number; incidents: number; examples: string[] };
}

export interface ValidationReport {
  sources: SourceReport[];
  errors: Problem[];
  warnings: Problem[];
}
