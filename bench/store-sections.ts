import { exportBench } from './export.ts';
import { journalLineBench } from './journal-line.ts';
import { ledgerImportBench } from './ledger-import.ts';
import { postgresBench } from './postgres.ts';
import { reportersBench } from './reporters.ts';
import { signingBench } from './signing-at-scale.ts';
import { snapshotPauseBench } from './snapshot-pause.ts';
import { threeYearsBench } from './three-years.ts';
import { webPagesBench } from './web-pages.ts';

/** The store's figures (issue 12) and the 台账 export (issue 13), each section printing its own lines with its goals. */
export const storeSections: Record<string, () => Promise<string[]>> = {
  signing: signingBench,
  'journal-line': journalLineBench,
  'three-years': threeYearsBench,
  reporters: reportersBench,
  snapshot: snapshotPauseBench,
  export: exportBench,
  import: ledgerImportBench,
  web: webPagesBench,
  postgres: postgresBench,
};
