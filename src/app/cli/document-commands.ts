import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { cases } from '../../core/db/schema';
import {
  availableDocuments,
  type CaseDocumentsDeps,
  generateCaseArchive,
  generateCaseDocument,
  generateMonthlyBundle,
  type StoredDocument,
} from '../../features/documents/case-documents';
import type { AdminIo } from './admin-commands';

export const DOCUMENT_USAGE = `  npm run admin -- documents CASE_ID [--out DIR]   (every document the case can have now, as PDF)
  npm run admin -- archive CASE_ID [--out DIR]     (the case archive, 一户一档, as one PDF)
  npm run admin -- bundle TOWNSHIP YYYY-MM [--out DIR]   (the month's filing: summary + every decided case's archive)`;

/** Who the case record names as having generated a file from the CLI. */
const CLI_ACTOR = 'admin-cli';

/**
 * `documents` and `archive`: the same PDFs staff get in chat, written to a folder (default: where
 * the product keeps them, DATA_DIR/documents/<case>/) and recorded with the case.
 */
export async function runDocumentCommand(argv: string[], io: AdminIo): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { out: { type: 'string' } },
    allowPositionals: true,
    strict: false,
  });
  if (command === 'bundle')
    return bundle(positionals, typeof values.out === 'string' ? values.out : undefined, io);
  const caseId = positionals[0];
  if (!caseId) {
    io.err(`${command} needs a case id\n${DOCUMENT_USAGE}`);
    return 2;
  }
  const cipher = io.bureau?.cipher;
  if (!cipher || !io.bureau) {
    io.err(`${command} needs PII_ENCRYPTION_KEY: documents show the applicant's ID number`);
    return 2;
  }
  const [row] = await io.db.select().from(cases).where(eq(cases.id, caseId));
  if (!row) {
    io.err(`no case ${caseId}`);
    return 2;
  }
  const deps: CaseDocumentsDeps = { db: io.db, cipher, townships: io.townships, dataDir: io.bureau.dataDir };
  const out = typeof values.out === 'string' ? path.resolve(values.out) : undefined;
  const written: StoredDocument[] = [];
  if (command === 'archive') {
    written.push(await generateCaseArchive(deps, row, CLI_ACTOR, io.now));
  } else {
    for (const { kind } of await availableDocuments(deps, row)) {
      const stored = await generateCaseDocument(deps, row, kind, CLI_ACTOR, io.now);
      if (stored) written.push(stored);
    }
  }
  if (written.length === 0) io.out(`${caseId}: no document can be filled from the record yet`);
  for (const { document, storagePath } of written) {
    const file = out ? path.join(out, document.fileName) : path.join(deps.dataDir, storagePath);
    if (out) {
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(file, document.bytes);
    }
    io.out(
      `${document.kind}\t${document.pages} pages\t${document.bytes.length} bytes\tsha256 ${document.sha256}\t${file}`,
    );
  }
  return 0;
}

async function bundle(positionals: string[], out: string | undefined, io: AdminIo): Promise<number> {
  const [townshipId, month] = positionals;
  if (!townshipId || !month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    io.err(`bundle needs a township id and a month YYYY-MM\n${DOCUMENT_USAGE}`);
    return 2;
  }
  if (!io.townships.some((t) => t.id === townshipId)) {
    io.err(`no township ${townshipId} (npm run admin -- townships)`);
    return 2;
  }
  const cipher = io.bureau?.cipher;
  if (!cipher || !io.bureau) {
    io.err("bundle needs PII_ENCRYPTION_KEY: documents show the applicant's ID number");
    return 2;
  }
  const deps: CaseDocumentsDeps = { db: io.db, cipher, townships: io.townships, dataDir: io.bureau.dataDir };
  const made = await generateMonthlyBundle(deps, townshipId, month, io.now);
  let file = path.join(deps.dataDir, made.storagePath);
  if (out) {
    fs.mkdirSync(path.resolve(out), { recursive: true });
    file = path.join(path.resolve(out), made.document.fileName);
    fs.writeFileSync(file, made.document.bytes);
  }
  io.out(
    `monthly_bundle\t${made.cases} cases\t${made.document.pages} pages\tsha256 ${made.document.sha256}\t${file}`,
  );
  return 0;
}
