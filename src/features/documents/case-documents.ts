/**
 * The documents of one case, from its record: which can be printed now, generating one (kept
 * under DATA_DIR and recorded with the case: template id and version, SHA-256, who, when), the
 * whole archive with the photos received, and a signed copy coming back as a photo.
 */

import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CaseRow } from '../../core/cases/case-records';
import type { Township } from '../../core/config/load-townships';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { caseDocuments, caseEvents, cases, residentFiles, staffMembers } from '../../core/db/schema';
import { shanghaiDate } from '../../domain/calendar';
import { MATERIALS } from '../../domain/materials/catalogue-items';
import { DECISION_EVENTS } from '../../domain/workflow/decision-events';
import { BUILDERS } from './builders';
import { renderCaseArchive } from './case-archive';
import { documentSourceOf } from './case-document-source';
import { DOCUMENT_KINDS, type DocumentKind, TEMPLATE_OF } from './document-kinds';
import { type ArchivePhoto, documentCaseSchema, imageKind } from './document-models';
import { documentTemplates } from './document-templates';
import { renderMonthlyBundle } from './monthly-bundle';
import { type GeneratedDocument, refusalFor, renderDocument } from './render-document';

export interface CaseDocumentsDeps {
  db: Db;
  cipher: PiiCipher;
  townships: readonly Township[];
  /** DATA_DIR: generated files go under `<dataDir>/documents/<caseId>/`. */
  dataDir: string;
}

export interface AvailableDocument {
  kind: DocumentKind;
  title: string;
}

/** A document kept on disk and recorded with the case. */
export interface StoredDocument {
  document: GeneratedDocument;
  /** Relative to DATA_DIR. */
  storagePath: string;
  /** For an archive: how many photos were placed in it. */
  photos?: number;
}

function townshipOf(deps: CaseDocumentsDeps, row: CaseRow): Township {
  const found = deps.townships.find((t) => t.id === row.townshipId);
  if (!found) throw new Error(`case ${row.id}: township ${row.townshipId} is not configured`);
  return found;
}

/** The documents the case's record can fill now, in archive order (refused ones left out). */
export async function availableDocuments(
  deps: CaseDocumentsDeps,
  row: CaseRow,
): Promise<AvailableDocument[]> {
  const kase = documentCaseSchema.parse(
    await documentSourceOf(deps.db, deps.cipher, townshipOf(deps, row), deps.townships, row),
  );
  return DOCUMENT_KINDS.filter((kind) => !refusalFor(kind, kase)).map((kind) => ({
    kind,
    title: BUILDERS[kind].title(documentTemplates().get(TEMPLATE_OF[kind]), kase),
  }));
}

/** Generates one document, keeps it and records it; undefined when the case cannot have it yet. */
export async function generateCaseDocument(
  deps: CaseDocumentsDeps,
  row: CaseRow,
  kind: DocumentKind,
  by: string,
  now: Date,
): Promise<StoredDocument | undefined> {
  const source = await documentSourceOf(deps.db, deps.cipher, townshipOf(deps, row), deps.townships, row);
  const outcome = await renderDocument(kind, source, { issuedOn: shanghaiDate(now), generatedAt: now });
  if (outcome.kind === 'refused') return undefined;
  return keep(deps, row, outcome.document, by, now);
}

/** The whole archive (一户一档) with every photo received for the case. */
export async function generateCaseArchive(
  deps: CaseDocumentsDeps,
  row: CaseRow,
  by: string,
  now: Date,
): Promise<StoredDocument> {
  const source = await documentSourceOf(deps.db, deps.cipher, townshipOf(deps, row), deps.townships, row);
  const photos = await photosOf(deps, row);
  const document = await renderCaseArchive({
    kase: source,
    photos,
    archivedOn: shanghaiDate(now),
    generatedAt: now,
  });
  return { ...(await keep(deps, row, document, by, now)), photos: photos.length };
}

async function keep(
  deps: CaseDocumentsDeps,
  row: CaseRow,
  document: GeneratedDocument,
  by: string,
  now: Date,
): Promise<StoredDocument> {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  const storagePath = path.join('documents', row.id, `${stamp}-${document.fileName}`);
  const full = path.join(deps.dataDir, storagePath);
  fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
  fs.writeFileSync(full, document.bytes, { mode: 0o600 });
  await deps.db.insert(caseDocuments).values({
    caseId: row.id,
    kind: document.kind,
    templateId: document.templateId,
    templateVersion: document.templateVersion,
    sha256: document.sha256,
    pages: document.pages,
    bytes: document.bytes.length,
    storagePath,
    generatedBy: by,
    generatedAt: now,
  });
  return { document, storagePath };
}

/** Stored JPEG/PNG photos of the case: materials (named when tagged) and signed copies. */
async function photosOf(deps: CaseDocumentsDeps, row: CaseRow): Promise<ArchivePhoto[]> {
  const files = await deps.db
    .select({
      userId: residentFiles.userId,
      materialId: residentFiles.materialId,
      signedDocument: residentFiles.signedDocument,
      storagePath: residentFiles.storagePath,
      storedAt: residentFiles.storedAt,
      createdAt: residentFiles.createdAt,
      staffId: staffMembers.userId,
    })
    .from(residentFiles)
    .leftJoin(staffMembers, eq(staffMembers.userId, residentFiles.userId))
    .where(and(eq(residentFiles.caseId, row.id), eq(residentFiles.status, 'stored')))
    .orderBy(residentFiles.id);
  const common = documentTemplates().get('document.common');
  const photos: ArchivePhoto[] = [];
  for (const f of files) {
    if (!f.storagePath) continue;
    const bytes = fs.readFileSync(path.join(deps.dataDir, f.storagePath));
    if (!imageKind(bytes)) continue; // PDFs and other files are listed in chat, not placed on pages
    const signed = (DOCUMENT_KINDS as readonly string[]).includes(f.signedDocument ?? '')
      ? (f.signedDocument as DocumentKind)
      : undefined;
    const material =
      f.materialId && f.materialId in MATERIALS
        ? MATERIALS[f.materialId as keyof typeof MATERIALS]
        : undefined;
    photos.push({
      label: material?.name ?? common.t('photo.unlabelled'),
      source: f.staffId ? 'staff' : 'resident',
      receivedOn: shanghaiDate(f.storedAt ?? f.createdAt),
      bytes,
      ...(signed ? { signedCopyOf: signed } : {}),
    });
  }
  return photos;
}

export type SignedCopyResult = { ok: true; fileId: number } | { ok: false; problem: 'no_photo' };

/**
 * Files the last photo the staff member sent (and that is not yet on a case) as the signed copy
 * of `kind` for the case. Photos older than `withinMs` are not taken: the staff member sends it again.
 */
export async function attachSignedCopy(
  db: Db,
  row: CaseRow,
  kind: DocumentKind,
  staffId: string,
  now: Date,
  withinMs = 24 * 60 * 60 * 1000,
): Promise<SignedCopyResult> {
  const [photo] = await db
    .select({ id: residentFiles.id, createdAt: residentFiles.createdAt })
    .from(residentFiles)
    .where(
      and(
        eq(residentFiles.userId, staffId),
        isNull(residentFiles.caseId),
        eq(residentFiles.msgType, 'image'),
      ),
    )
    .orderBy(desc(residentFiles.id))
    .limit(1);
  if (!photo || now.getTime() - photo.createdAt.getTime() > withinMs)
    return { ok: false, problem: 'no_photo' };
  await db
    .update(residentFiles)
    .set({ caseId: row.id, signedDocument: kind, taggedBy: staffId, taggedAt: now })
    .where(eq(residentFiles.id, photo.id));
  return { ok: true, fileId: photo.id };
}

/** Document kinds the case has a signed copy of (for the archive check). */
export async function signedCopiesOf(db: Db, caseId: string): Promise<string[]> {
  const rows = await db
    .select({ kind: residentFiles.signedDocument })
    .from(residentFiles)
    .where(eq(residentFiles.caseId, caseId));
  return [...new Set(rows.map((r) => r.kind).filter((k): k is string => k !== null))];
}

/**
 * The monthly filing with the bureau (六(三): the 月报表 with the month's archives; 八: the bureau
 * keeps a copy): a summary page, then the archive of every case of the township decided in the
 * month (Shanghai dates). Written under DATA_DIR/documents/bundles/.
 */
export async function generateMonthlyBundle(
  deps: CaseDocumentsDeps,
  townshipId: string,
  month: string,
  now: Date,
): Promise<{ document: GeneratedDocument; storagePath: string; cases: number }> {
  const township = deps.townships.find((t) => t.id === townshipId);
  if (!township) throw new Error(`township ${townshipId} is not configured`);
  const decided = await deps.db
    .selectDistinct({ caseId: caseEvents.caseId })
    .from(caseEvents)
    .innerJoin(cases, eq(cases.id, caseEvents.caseId))
    .where(
      and(
        eq(cases.townshipId, townshipId),
        inArray(caseEvents.eventType, [...DECISION_EVENTS]),
        sql`to_char(${caseEvents.at} at time zone 'Asia/Shanghai', 'YYYY-MM') = ${month}`,
      ),
    );
  const rows = decided.length
    ? await deps.db
        .select()
        .from(cases)
        .where(
          inArray(
            cases.id,
            decided.map((d) => d.caseId),
          ),
        )
        .orderBy(cases.id)
    : [];
  const archives = [];
  for (const row of rows) {
    archives.push({
      kase: await documentSourceOf(deps.db, deps.cipher, township, deps.townships, row),
      photos: await photosOf(deps, row),
      archivedOn: shanghaiDate(now),
      generatedAt: now,
    });
  }
  const document = await renderMonthlyBundle({
    township: { name: township.name, kind: township.kind },
    month,
    preparedOn: shanghaiDate(now),
    generatedAt: now,
    archives,
  });
  const storagePath = path.join('documents', 'bundles', `${townshipId}-${month}.pdf`);
  const full = path.join(deps.dataDir, storagePath);
  fs.mkdirSync(path.dirname(full), { recursive: true, mode: 0o700 });
  fs.writeFileSync(full, document.bytes, { mode: 0o600 });
  return { document, storagePath, cases: rows.length };
}
