import type { Wan } from '../src/domain/money.ts';
import type { LocalDate } from '../src/time/clock.ts';
import type { ContractType, ProblemCategory, Stage, StartType } from './project-schema.ts';

/**
 * One project row of a bureau's 台账 as read from the workbook: values already typed (amounts in
 * 万元, dates as Shanghai calendar dates), names not yet looked up. A field is absent when the
 * sheet has no such column or the cell is blank: a blank cell never clears what is stored.
 */
export interface LedgerRow {
  /** The row number in the sheet, as Excel shows it. */
  row: number;
  id?: string;
  name?: string;
  stage?: Stage;
  unit?: string;
  chain?: string;
  investor?: string;
  investmentWan?: Wan;
  major?: boolean;
  negotiationSince?: LocalDate;
  contractType?: ContractType;
  contractAmountWan?: Wan;
  signingDate?: LocalDate;
  startDeadline?: LocalDate;
  startDate?: LocalDate;
  startType?: StartType;
  fundsInPlaceWan?: Wan;
  leader?: string;
  owner?: string;
  latestProgress?: string;
  /** The day of the latest progress note; the import's own day when the sheet does not say. */
  latestProgressDate?: LocalDate;
  problems?: Array<{ category: ProblemCategory; text: string }>;
  terminationDate?: LocalDate;
  terminationReason?: string;
}

/** One row of the 到位资金明细 sheet. */
export interface LedgerInstalmentRow {
  row: number;
  projectId?: string;
  projectName?: string;
  unit?: string;
  date: LocalDate;
  amountWan: Wan;
  evidence?: string;
}

/** One row of the 外出招商 sheet. */
export interface LedgerTripRow {
  row: number;
  id?: string;
  date: LocalDate;
  destination: string;
  leader?: string;
  /** What the sheet says of 区领导带队; absent, the roster decides (a member with the 领导 role). */
  districtLeader?: boolean;
  enterprises?: string[];
  unit?: string;
}

/** A problem named by sheet, row and column: 「第 12 行 合同额：看不懂「约5个亿」」. */
export interface LedgerProblem {
  sheet: string;
  /** Null for a problem of the whole sheet or column (a header without a unit). */
  row: number | null;
  column: string | null;
  message: string;
}

/** What one import brings to the store: the file it came from, its rows and what reading it found wrong. */
export interface LedgerImportInput {
  fileName: string;
  sha256: string;
  sheet: string;
  rows: LedgerRow[];
  instalmentSheet: string | null;
  instalments: LedgerInstalmentRow[];
  tripSheet: string | null;
  trips: LedgerTripRow[];
  /** Problems found while reading cells; the store adds those only it can see (unknown units…). */
  problems: LedgerProblem[];
}

/** One project the import adds or changes, as shown to the importer. */
export interface LedgerImportItem {
  row: number;
  id: string | null;
  name: string;
  /** 「合同额：12亿元 → 13亿元」 for a changed project; empty for a new one. */
  changes: string[];
}

export type LedgerImportOutcome =
  | { kind: 'refused'; problems: LedgerProblem[] }
  | {
      kind: 'planned' | 'written';
      added: LedgerImportItem[];
      updated: LedgerImportItem[];
      unchanged: number;
      /** The 外出招商 sheet's trips, when the workbook has one. */
      trips: { added: LedgerImportItem[]; updated: LedgerImportItem[]; unchanged: number };
      /** The journal's sequence number of the change; null for a dry run or when nothing changed. */
      seq: number | null;
    };
