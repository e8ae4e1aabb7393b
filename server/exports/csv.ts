import { stringify, type Options } from 'csv-stringify';
import { stringify as stringifyAll } from 'csv-stringify/sync';
import { toMillis } from '../store/sql';

/** Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A leading apostrophe keeps a cell that looks like a formula (`=HYPERLINK(…)`) plain text in spreadsheets. */
export const guardFormula = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);

/** One CSV column: the record key and its header. */
export interface Column<Key extends string> {
  key: Key;
  header: string;
}

// A BOM so Excel reads UTF-8 names correctly; every string cell guarded against formula injection.
const options = (columns: Column<string>[]): Options => ({
  header: true,
  bom: true,
  columns,
  cast: { string: guardFormula, date: (value) => value.toISOString() },
});

/** A streaming CSV writer: write records (objects), read CSV text. */
export const csvStream = <Key extends string>(columns: Column<Key>[]) => stringify(options(columns));

/** A small CSV document, built in memory (transcripts). */
export const csvText = <Key extends string>(columns: Column<Key>[], records: Array<Record<Key, unknown>>) =>
  stringifyAll(records, options(columns));

/** A datetime from the database as ISO 8601, or empty. */
export const isoOrEmpty = (value: unknown) => {
  const millis = toMillis(value);
  return millis === null ? '' : new Date(millis).toISOString();
};
