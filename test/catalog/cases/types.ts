/**
 * One input for one catalog entry. A `positive` case must produce a stateful site of the entry
 * at `line`. A `negative` case must produce none, and for an entry that is never stateful it must
 * produce its compliant site instead.
 */
export interface EntryCase {
  entry: string;
  kind: 'positive' | 'negative';
  name: string;
  /** Defaults to `src/example.ts`. */
  filename?: string;
  code: string;
  /** 1-based line of the site, for positive cases. */
  line?: number;
}
