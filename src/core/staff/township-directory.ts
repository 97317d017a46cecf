import { asc, sql } from 'drizzle-orm';
import type { Township } from '../config/load-townships';
import type { Db } from '../db/database';
import { townships } from '../db/schema';

/** Brings the townships table in line with the configured list (names may change; ids never do). */
export async function syncTownships(db: Db, list: readonly Township[]): Promise<void> {
  if (list.length === 0) return;
  await db
    .insert(townships)
    .values([...list])
    .onConflictDoUpdate({
      target: townships.id,
      set: { name: sql`excluded.name`, kind: sql`excluded.kind` },
    });
}

export async function listTownships(db: Db): Promise<Township[]> {
  return db.select().from(townships).orderBy(asc(townships.id));
}

/**
 * The township a resident meant: exact name, the name without its suffix (镇/乡/街道), or the
 * number of a listed line. Undefined when nothing or more than one matches.
 */
export function matchTownship(list: readonly Township[], answer: string): Township | undefined {
  const text = answer.replace(/\s/g, '');
  if (!text) return undefined;
  const exact = list.find((t) => t.name === text);
  if (exact) return exact;
  const stem = (name: string) => name.replace(/(街道|镇|乡|开发区)$/, '');
  const hits = list.filter(
    (t) => stem(t.name) === stem(text) || (text.length >= 2 && t.name.startsWith(text)),
  );
  return hits.length === 1 ? hits[0] : undefined;
}
