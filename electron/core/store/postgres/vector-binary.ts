/**
 * Vectors sent to PostgreSQL in its binary format instead of as text: a `vector[]` parameter encoded as
 * `array_recv` reads it, each element as pgvector's `vector_recv` reads it (int16 dimensions, int16 unused,
 * then big-endian float4s). The `pg` driver sends a Buffer parameter as binary. Why: formatting a batch's
 * 1,024 × 384 floats as decimal text took longer than everything else in writing them, on both sides.
 */
import type { PgQueryable } from '../../../../native/postgres.ts';

/** The OID of pgvector's `vector` type in this database (an extension type has no fixed OID). */
export async function vectorTypeOid(client: PgQueryable): Promise<number> {
  const { rows } = await client.query<{ oid: number }>("SELECT 'vector'::regtype::oid::int AS oid");
  return (rows[0] as { oid: number }).oid;
}

/** A one-dimensional `vector[]` in PostgreSQL's binary array format, with elements of type `vectorOid`. */
export function binaryVectorArray(vectors: readonly Float32Array[], vectorOid: number): Buffer {
  const elementBytes = vectors.reduce((sum, vector) => sum + 4 + 4 + vector.length * 4, 0);
  const buffer = Buffer.allocUnsafe(20 + elementBytes);
  let at = buffer.writeInt32BE(1, 0); // dimensions of the array
  at = buffer.writeInt32BE(0, at); // flags: no nulls
  at = buffer.writeUInt32BE(vectorOid, at);
  at = buffer.writeInt32BE(vectors.length, at);
  at = buffer.writeInt32BE(1, at); // lower bound
  for (const vector of vectors) {
    at = buffer.writeInt32BE(4 + vector.length * 4, at);
    at = buffer.writeInt16BE(vector.length, at);
    at = buffer.writeInt16BE(0, at);
    for (const value of vector) at = buffer.writeFloatBE(value, at);
  }
  return buffer;
}
