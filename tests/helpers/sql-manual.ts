/**
 * A small database manual for conversation tests: one page explains building an index without locking the
 * table, others talk about locks and tables (so a follow-up searched alone finds the wrong page) or about
 * indexes without locking.
 */
export const SQL_MANUAL: Record<string, string> = {
  'sql/create-index.md': [
    '# CREATE INDEX',
    '',
    'CREATE INDEX constructs an index on the specified column(s) of the specified relation.',
    'Indexes are primarily used to enhance database performance. The key field(s) for the index are',
    'specified as column names or as expressions written in parentheses. Give the index a name.',
  ].join('\n'),
  'sql/index-concurrently.md': [
    '# Building indexes concurrently',
    '',
    'Creating an index can interfere with regular operation of a database. Normally the table to be indexed is',
    'locked against writes while the index is built. With CREATE INDEX CONCURRENTLY the index is created',
    'without locking out writes on the table, at the cost of two scans of the table.',
  ].join('\n'),
  'sql/lock.md': [
    '# LOCK',
    '',
    'LOCK TABLE obtains a table-level lock, waiting if necessary for any conflicting locks to be released.',
    'Once obtained, the lock is held for the remainder of the current transaction. Locking the table in',
    'ACCESS EXCLUSIVE mode guarantees that the holder is the only transaction accessing the table.',
    'Table locks are released at commit; there is no UNLOCK TABLE command. Row locks do not lock the table.',
    'Without an explicit LOCK TABLE, each command takes the locks it needs on the table by itself.',
  ].join('\n'),
  'sql/vacuum.md': [
    '# VACUUM',
    '',
    'VACUUM reclaims storage occupied by dead tuples. Plain VACUUM can run in parallel with reading and writing',
    'of the table, because it does not take an exclusive lock. VACUUM FULL rewrites the table and locks it.',
  ].join('\n'),
  'sql/backup.md': ['# Backup', '', 'pg_dump writes a consistent snapshot of a database to a file, even while it is used.'].join('\n'),
  'sql/roles.md': ['# Roles', '', 'A role can own database objects and have privileges; CREATE ROLE adds one, GRANT gives it rights.'].join('\n'),
  'sql/sequences.md': ['# Sequences', '', 'A sequence generates unique numbers, typically for primary keys; nextval advances it.'].join('\n'),
  'sql/json.md': ['# JSON types', '', 'jsonb stores JSON data in a decomposed binary format that is faster to process.'].join('\n'),
  'sql/transactions.md': ['# Transactions', '', 'BEGIN starts a transaction block; COMMIT makes its changes visible to others.'].join('\n'),
  'sql/replication.md': ['# Replication', '', 'Streaming replication ships write-ahead log records to standby servers.'].join('\n'),
  'sql/collation.md': ['# Collation', '', 'A collation sets the sort order and character classification of text values.'].join('\n'),
  'sql/triggers.md': ['# Triggers', '', 'A trigger runs a function automatically before or after an insert, update or delete.'].join('\n'),
  'sql/views.md': ['# Views', '', 'A view is a stored query that can be used like a relation in other queries.'].join('\n'),
};
