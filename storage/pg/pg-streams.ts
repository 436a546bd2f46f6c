import pg from 'pg';

/** PostgreSQL's error for a table that does not exist: a database no saima has started on yet. */
const UNDEFINED_TABLE = '42P01';

/** The journal streams of the database that hold anything (journal rows or a snapshot). */
export async function streamsWithData(url: string): Promise<Set<string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ stream: string }>(
      'SELECT DISTINCT stream FROM saima_journal UNION SELECT DISTINCT stream FROM saima_snapshots',
    );
    return new Set(rows.map((r) => r.stream));
  } catch (e) {
    if ((e as { code?: string }).code === UNDEFINED_TABLE) return new Set();
    throw e;
  } finally {
    await client.end();
  }
}
