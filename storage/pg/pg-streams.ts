import pg from 'pg';

/** PostgreSQL's error for a table that does not exist: a database no saima has started on yet. */
const UNDEFINED_TABLE = '42P01';

/**
 * Which of `streams` hold anything (journal rows or a snapshot). Each is looked up by the primary
 * key: every start and every console call asks, and a scan of the whole journal for its distinct
 * streams grew with years of records.
 */
export async function streamsWithData(url: string, streams: readonly string[]): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ stream: string }>(
      `SELECT s AS stream FROM unnest($1::text[]) AS s
        WHERE EXISTS (SELECT 1 FROM saima_journal j WHERE j.stream = s)
           OR EXISTS (SELECT 1 FROM saima_snapshots n WHERE n.stream = s)`,
      [streams],
    );
    return new Set(rows.map((r) => r.stream));
  } catch (e) {
    if ((e as { code?: string }).code === UNDEFINED_TABLE) return new Set();
    throw e;
  } finally {
    await client.end();
  }
}
