import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { type EffectRunner, type StepRules, stepCase } from '../../core/cases/case-steps';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { bureauWarnings, cases } from '../../core/db/schema';
import { maskIdNumber, maskText } from '../../core/privacy/mask';
import { isLocalDate } from '../../domain/calendar';
import type { Actor } from '../../domain/case/case-types';
import { checkIdNumber } from '../../domain/case/id-number';
import { parseCsv } from './csv';
import { compareText } from './monthly-figures';

/** The columns of the bureau's warning file (预警数据), in any order, each exactly once. */
export const WARNING_COLUMNS = [
  'warning_id',
  'township_id',
  'id_number',
  'reason',
  'received_on',
  'due_on',
] as const;
type Column = (typeof WARNING_COLUMNS)[number];

export interface WarningImportDeps {
  db: Db;
  cipher: PiiCipher;
  /** Ids of the configured townships (config/townships.json). */
  townshipIds: readonly string[];
  rules: StepRules;
  effects: EffectRunner;
  /** Who records the `bureau_warning` step: a bureau supervisor (七(三)). */
  actor: Actor;
}

export interface WarningRowError {
  /** Line of the file (the header is line 1). */
  line: number;
  column: Column | undefined;
  problem: string;
}

/** What became of one row. `maskedId` is the only form of the ID number ever returned. */
export interface ImportedWarning {
  line: number;
  warningId: string;
  townshipId: string;
  maskedId: string;
  status: 'imported' | 'already_imported';
  caseId: string | undefined;
  /** The matched case's township, when it differs from the warning's. */
  caseTownshipId: string | undefined;
  /**
   * `started`: the case was in payment and went to re-check (七(三)); `already_in_recheck`;
   * `not_in_payment`: matched a case in another state (nothing to re-check); `no_case`.
   */
  recheck: 'started' | 'already_in_recheck' | 'not_in_payment' | 'no_case' | undefined;
}

export type WarningImportResult =
  | { ok: true; rows: ImportedWarning[] }
  | { ok: false; errors: WarningRowError[] };

const date = (what: string) =>
  z
    .string()
    .trim()
    .refine((v) => isLocalDate(v), `${what} must be a date YYYY-MM-DD`);

function rowSchema(townshipIds: readonly string[]) {
  return z
    .object({
      warning_id: z
        .string()
        .trim()
        .min(1, 'warning_id is empty')
        .max(64, 'warning_id is longer than 64 characters')
        .regex(/^[A-Za-z0-9._:/-]+$/, 'warning_id may hold only letters, digits and . _ : / -'),
      township_id: z
        .string()
        .trim()
        .refine((v) => townshipIds.includes(v), 'unknown township (see npm run admin -- townships)'),
      id_number: z.string().transform((v, ctx) => {
        const check = checkIdNumber(v);
        if (check.ok) return check.value;
        ctx.addIssue({
          code: 'custom',
          message: `${maskIdNumber(v)} is not a valid ID number (${check.reason})`,
        });
        return z.NEVER;
      }),
      // Kept in clear and copied into the case's events: an ID number or phone in it is masked.
      reason: z
        .string()
        .trim()
        .min(1, 'reason is empty')
        .max(500, 'reason is longer than 500 characters')
        .transform(maskText),
      received_on: date('received_on'),
      due_on: date('due_on'),
    })
    .refine((r) => !isLocalDate(r.received_on) || !isLocalDate(r.due_on) || r.due_on > r.received_on, {
      path: ['due_on'],
      message: 'due_on must be after received_on',
    });
}

type ValidRow = z.infer<ReturnType<typeof rowSchema>> & { line: number };

/**
 * Imports the bureau's warning file (七(三)), all or nothing: every row is checked (columns, ID
 * number per GB 11643, township configured, dates, due after received, warning ids unique) and
 * any bad row — each reported with its line — imports none. A warning id already imported with
 * the same content is skipped, so the same file can be imported again; with different content it
 * is an error. Each warning is matched to a case by the keyed hash of the applicant's ID number;
 * a matched case in payment goes to re-check through the workflow (`bureau_warning`), in the
 * import's transaction. ID numbers are never stored in clear nor returned unmasked.
 */
export async function importWarnings(
  deps: WarningImportDeps,
  csvText: string,
  now: Date,
): Promise<WarningImportResult> {
  const validated = validateWarningFile(csvText, deps.townshipIds);
  if (!validated.ok) return validated;
  const rows = validated.rows;
  const errors: WarningRowError[] = [];
  const stored = rows.length
    ? await deps.db
        .select()
        .from(bureauWarnings)
        .where(
          inArray(
            bureauWarnings.id,
            rows.map((r) => r.warning_id),
          ),
        )
    : [];
  const fresh: ValidRow[] = [];
  const repeated = new Set<string>();
  for (const row of rows) {
    const before = stored.find((s) => s.id === row.warning_id);
    if (!before) {
      fresh.push(row);
      continue;
    }
    const same =
      before.townshipId === row.township_id &&
      deps.cipher.lookupHashes(row.id_number).includes(before.subjectIdHash) &&
      before.reason === row.reason &&
      before.receivedOn === row.received_on &&
      before.dueOn === row.due_on;
    if (same) repeated.add(row.warning_id);
    else
      errors.push({
        line: row.line,
        column: 'warning_id',
        problem: `${row.warning_id} was imported before with different content`,
      });
  }
  if (errors.length > 0) return { ok: false, errors };

  const results = await deps.db.transaction(async (tx) => {
    const out: ImportedWarning[] = [];
    for (const row of rows) {
      const base = {
        line: row.line,
        warningId: row.warning_id,
        townshipId: row.township_id,
        maskedId: maskIdNumber(row.id_number),
      };
      if (repeated.has(row.warning_id)) {
        const before = stored.find((s) => s.id === row.warning_id);
        out.push({
          ...base,
          status: 'already_imported',
          caseId: before?.caseId ?? undefined,
          caseTownshipId: undefined,
          recheck: undefined,
        });
        continue;
      }
      out.push(await importRow(tx, deps, row, base, now));
    }
    return out;
  });
  return { ok: true, rows: results };
}

async function importRow(
  tx: Db,
  deps: WarningImportDeps,
  row: ValidRow,
  base: Pick<ImportedWarning, 'line' | 'warningId' | 'townshipId' | 'maskedId'>,
  now: Date,
): Promise<ImportedWarning> {
  const matched = await matchCase(tx, deps.cipher, row);
  const inserted = await tx
    .insert(bureauWarnings)
    .values({
      id: row.warning_id,
      townshipId: row.township_id,
      caseId: matched?.id ?? null,
      subjectIdHash: deps.cipher.lookupHash(row.id_number),
      reason: row.reason,
      receivedOn: row.received_on,
      dueOn: row.due_on,
      status: 'open',
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: bureauWarnings.id });
  const caseTownshipId = matched && matched.townshipId !== row.township_id ? matched.townshipId : undefined;
  if (inserted.length === 0) {
    // Imported by a concurrent run between our check and this insert: theirs stands.
    return { ...base, status: 'already_imported', caseId: matched?.id, caseTownshipId, recheck: undefined };
  }
  if (!matched) return { ...base, status: 'imported', caseId: undefined, caseTownshipId, recheck: 'no_case' };
  if (matched.state === 'recheck')
    return { ...base, status: 'imported', caseId: matched.id, caseTownshipId, recheck: 'already_in_recheck' };
  if (matched.state !== 'in_payment')
    return { ...base, status: 'imported', caseId: matched.id, caseTownshipId, recheck: 'not_in_payment' };
  const step = await stepCase(
    tx,
    { caseId: matched.id, actor: deps.actor, event: { type: 'bureau_warning', warningId: row.warning_id } },
    deps.rules,
    deps.effects,
    now,
  );
  if (!step.ok) {
    // The workflow refused what its table allows (in_payment → recheck for the bureau): a bug, not data.
    throw new Error(`warning ${row.warning_id}: case ${matched.id} refused bureau_warning (${step.code})`);
  }
  return { ...base, status: 'imported', caseId: matched.id, caseTownshipId, recheck: 'started' };
}

/**
 * The case the warning is about: the applicant's ID hash (under every key in the ring), preferring
 * a case in payment, then one in re-check, then the warning's township, then the newest.
 */
async function matchCase(tx: Db, cipher: PiiCipher, row: ValidRow) {
  const candidates = await tx
    .select({ id: cases.id, state: cases.state, townshipId: cases.townshipId, createdAt: cases.createdAt })
    .from(cases)
    .where(inArray(cases.applicantIdHash, cipher.lookupHashes(row.id_number)));
  const rank = (state: string) => (state === 'in_payment' ? 0 : state === 'recheck' ? 1 : 2);
  candidates.sort(
    (a, b) =>
      rank(a.state) - rank(b.state) ||
      Number(b.townshipId === row.township_id) - Number(a.townshipId === row.township_id) ||
      b.createdAt.getTime() - a.createdAt.getTime() ||
      compareText(a.id, b.id),
  );
  return candidates[0];
}

/** Checks the whole file; every problem of every row, with its line. */
export function validateWarningFile(
  csvText: string,
  townshipIds: readonly string[],
): { ok: true; rows: ValidRow[] } | { ok: false; errors: WarningRowError[] } {
  const parsed = parseCsv(csvText);
  if (!parsed.ok)
    return { ok: false, errors: [{ line: parsed.line, column: undefined, problem: parsed.problem }] };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, errors: [{ line: 1, column: undefined, problem: 'the file is empty' }] };
  const names = header.fields.map((f) => f.trim());
  const missing = WARNING_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(WARNING_COLUMNS as readonly string[]).includes(n));
  const doubled = names.filter((n, i) => names.indexOf(n) !== i);
  if (missing.length + unknown.length + doubled.length > 0) {
    const problems = [
      missing.length ? `missing columns: ${missing.join(', ')}` : '',
      unknown.length ? `unknown columns: ${unknown.join(', ')}` : '',
      doubled.length ? `repeated columns: ${doubled.join(', ')}` : '',
    ].filter(Boolean);
    return { ok: false, errors: [{ line: header.line, column: undefined, problem: problems.join('; ') }] };
  }
  if (records.length === 0)
    return { ok: false, errors: [{ line: 1, column: undefined, problem: 'no rows' }] };
  const schema = rowSchema(townshipIds);
  const errors: WarningRowError[] = [];
  const rows: ValidRow[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    if (record.fields.length !== names.length) {
      errors.push({
        line: record.line,
        column: undefined,
        problem: `${record.fields.length} fields, the header has ${names.length}`,
      });
      continue;
    }
    const raw = Object.fromEntries(names.map((n, i) => [n, record.fields[i] ?? '']));
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = issue.path[0];
        errors.push({
          line: record.line,
          column: typeof column === 'string' ? (column as Column) : undefined,
          problem: issue.message,
        });
      }
      continue;
    }
    const first = seen.get(result.data.warning_id);
    if (first !== undefined) {
      errors.push({
        line: record.line,
        column: 'warning_id',
        problem: `${result.data.warning_id} repeats line ${first}`,
      });
      continue;
    }
    seen.set(result.data.warning_id, record.line);
    rows.push({ ...result.data, line: record.line });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}
