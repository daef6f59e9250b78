import type pg from 'pg';

/**
 * Schema of the embedded event log (postgres transport). It is the transport's own storage, like Kafka's log
 * segments, shared by every service; versioned steps applied under an advisory lock by whichever service starts first.
 */
const STEPS: string[] = [
  `CREATE TABLE event_log_partition (
     topic text NOT NULL,
     partition int NOT NULL,
     next_offset bigint NOT NULL,
     PRIMARY KEY (topic, partition)
   );
   CREATE TABLE event_log (
     topic text NOT NULL,
     partition int NOT NULL,
     "offset" bigint NOT NULL,
     key text NOT NULL,
     event_id uuid NOT NULL,
     event_type text NOT NULL,
     envelope jsonb NOT NULL,
     appended_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (topic, partition, "offset")
   );
   CREATE TABLE consumer_offset (
     group_id text NOT NULL,
     topic text NOT NULL,
     partition int NOT NULL,
     committed bigint NOT NULL DEFAULT -1,
     updated_at timestamptz NOT NULL DEFAULT now(),
     PRIMARY KEY (group_id, topic, partition)
   );`,
];

const LOCK_ID = 7_401_221; // arbitrary, constant: serialises schema set-up across services

export async function ensureEventLogSchema(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS event_log_schema (step int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ max: number | null }>('SELECT max(step) AS max FROM event_log_schema');
    for (let step = (rows[0].max ?? 0) + 1; step <= STEPS.length; step++) {
      await client.query('BEGIN');
      await client.query(STEPS[step - 1]);
      await client.query('INSERT INTO event_log_schema (step) VALUES ($1)', [step]);
      await client.query('COMMIT');
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]).catch(() => undefined);
    client.release();
  }
}
