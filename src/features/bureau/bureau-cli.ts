import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { EffectRunner, StepRules } from '../../core/cases/case-steps';
import { PARAMETERS_FILE } from '../../core/config/load-parameters';
import type { Township } from '../../core/config/load-townships';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import { findStaff } from '../../core/staff/staff-directory';
import type { TemplateStore } from '../../core/templates/template-store';
import { isLocalDate, shanghaiDate } from '../../domain/calendar';
import { MATERIALS } from '../../domain/materials/catalogue-items';
import { fenOf, formatYuan } from '../../domain/money';
import { parseParameterFile } from '../../domain/parameters/parameter-file';
import { parameterAt } from '../../domain/parameters/parameter-lookup';
import { amendStandard, STANDARD_PARAMETERS } from '../../domain/parameters/standard-amendment';
import { archiveChecklist } from './archive-checklist';
import { decodeCsvBytes } from './csv';
import { generateMonthlyReport, MonthNotOverError } from './monthly-report';
import { isReportMonth, previousMonth } from './report-month';
import {
  closeSpotCheck,
  listSpotChecks,
  recordSpotCheck,
  type SpotCheckChange,
  sampleSpotChecks,
} from './spot-checks';
import { importWarnings } from './warning-import';

export const BUREAU_USAGE = `  npm run admin -- import-warnings FILE.csv [--by USERID]
  npm run admin -- spot-check sample --share 0.1 --seed SEED [--township ID] [--month YYYY-MM]
  npm run admin -- spot-check record --id N --findings TEXT [--rectify-by YYYY-MM-DD]
  npm run admin -- spot-check close --id N
  npm run admin -- spot-check list [--open]
  npm run admin -- archive-check CASE_ID
  npm run admin -- monthly-report [--month YYYY-MM] [--regenerate] [--partial]
  npm run admin -- standard set --name PARAMETER --yuan AMOUNT --from YYYY-MM-DD --source DOCUMENT [--clause TEXT]
  npm run admin -- standard list [--date YYYY-MM-DD]`;

export const BUREAU_COMMANDS = [
  'import-warnings',
  'spot-check',
  'archive-check',
  'monthly-report',
  'standard',
] as const;

/** What the bureau's commands need beyond the database (built by admin-cli from the configuration). */
export interface BureauCliDeps {
  /** Absent when no PII key is configured: commands reading ID numbers refuse. */
  cipher: PiiCipher | undefined;
  dataDir: string;
  templates: TemplateStore;
  rules: StepRules;
  effects: EffectRunner;
  /** config/parameters.json, where `standard set` adds the bureau's standards (default: the shipped file). */
  parametersFile?: string;
}

export interface BureauIo {
  db: Db;
  townships: readonly Township[];
  now: Date;
  out(line: string): void;
  err(line: string): void;
  bureau?: BureauCliDeps | undefined;
}

const OPTIONS = {
  by: { type: 'string' },
  share: { type: 'string' },
  seed: { type: 'string' },
  township: { type: 'string' },
  month: { type: 'string' },
  id: { type: 'string' },
  findings: { type: 'string' },
  'rectify-by': { type: 'string' },
  open: { type: 'boolean' },
  regenerate: { type: 'boolean' },
  partial: { type: 'boolean' },
  name: { type: 'string' },
  yuan: { type: 'string' },
  from: { type: 'string' },
  source: { type: 'string' },
  clause: { type: 'string' },
  date: { type: 'string' },
} as const;

function readArgs(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

/**
 * The bureau's commands (六(三), 六(六), 七(三), 八): warning import, spot checks, the archive
 * checklist and the monthly report. Answers the exit code: 0 done, 2 a usage or input problem.
 */
export async function runBureauCommand(argv: string[], io: BureauIo): Promise<number> {
  let parsed: ReturnType<typeof readArgs>;
  try {
    parsed = readArgs(argv);
  } catch (error) {
    io.err((error as Error).message);
    return 2;
  }
  const { values, positionals } = parsed;
  const [group, ...rest] = positionals;
  const deps = io.bureau;
  if (!deps) {
    io.err(`${group} needs the bureau configuration (run through npm run admin)`);
    return 2;
  }
  if (group === 'import-warnings') return importCommand(rest[0], values.by, io, deps);
  if (group === 'archive-check') return archiveCommand(rest[0], io, deps);
  if (group === 'standard') return standardCommand(rest[0], values, io, deps);
  if (group === 'monthly-report') {
    const month = values.month ?? previousMonth(io.now);
    if (!isReportMonth(month)) return fail(io, '--month must be YYYY-MM');
    let report: Awaited<ReturnType<typeof generateMonthlyReport>>;
    try {
      report = await generateMonthlyReport(
        { db: io.db, dataDir: deps.dataDir, templates: deps.templates, townships: io.townships },
        month,
        io.now,
        { regenerate: values.regenerate === true, partial: values.partial === true },
      );
    } catch (error) {
      if (!(error instanceof MonthNotOverError)) throw error;
      return fail(
        io,
        `${month} is not over: its report can be generated from ${shanghaiDate(error.endsAt)} (the job does it on the 1st at 06:00); add --partial for the figures so far, marked as such`,
      );
    }
    const t = report.total;
    const status = report.partialUntil
      ? `partial, up to ${report.partialUntil} (not stored, not sent)`
      : report.generated
        ? 'generated'
        : 'already generated';
    io.out(`${status}: ${deps.dataDir}/${report.storagePath}`);
    io.out(
      `new dibao ${t.newApprovals.dibao}, new tekun ${t.newApprovals.tekun}, adjusted ${t.adjustments}, stopped ${t.stops}, rejected ${t.rejections}, temporary aid ${t.temporaryAid.count} (${formatYuan(t.temporaryAid.totalFen)} yuan), overdue open ${t.overdue.openAtMonthEnd}, decided late ${t.overdue.decidedLate}`,
    );
    return 0;
  }
  if (group !== 'spot-check') return fail(io, `unknown command ${group ?? ''}`);
  const [command] = rest;
  if (command === 'sample') {
    const share = Number(values.share);
    if (!values.share || !(share > 0 && share <= 1))
      return fail(io, '--share must be a number in (0, 1], e.g. 0.1');
    if (!values.seed)
      return fail(io, '--seed is required (write it down: the same seed redraws the same sample)');
    if (values.month !== undefined && !isReportMonth(values.month))
      return fail(io, '--month must be YYYY-MM');
    if (values.township && !io.townships.some((t) => t.id === values.township))
      return fail(io, `unknown township ${values.township}; see npm run admin -- townships`);
    const result = await sampleSpotChecks(
      io.db,
      { share, seed: values.seed, townshipId: values.township, month: values.month },
      io.now,
    );
    io.out(
      `batch ${result.batch}: ${result.checks.length} of ${result.candidates} cases${result.existing ? ' (drawn before; unchanged)' : ''}`,
    );
    for (const c of result.checks) io.out(`#${c.id}\t${c.caseId}\t${c.townshipId}\t${c.status}`);
    return 0;
  }
  if (command === 'list') {
    for (const c of await listSpotChecks(io.db, { open: values.open === true }, io.now)) {
      io.out(
        [
          `#${c.id}`,
          c.batch,
          c.caseId,
          c.townshipId,
          c.overdue ? `${c.status} OVERDUE` : c.status,
          c.rectifyBy ?? '-',
          c.findings ?? '-',
        ].join('\t'),
      );
    }
    return 0;
  }
  const id = Number(values.id);
  if (!values.id || !Number.isInteger(id) || id <= 0)
    return fail(io, '--id must be the number of a spot check');
  if (command === 'record') {
    if (!values.findings) return fail(io, '--findings is required');
    return changed(
      io,
      await recordSpotCheck(
        io.db,
        id,
        { findings: values.findings, rectifyBy: values['rectify-by'] },
        io.now,
      ),
    );
  }
  if (command === 'close') return changed(io, await closeSpotCheck(io.db, id, io.now));
  return fail(io, `unknown spot-check command ${command ?? ''}`);
}

/**
 * `standard set`: the bureau's new 低保 or 特困 standard, a new entry of config/parameters.json with
 * its effective date and source (docs/domain.md §19), read by the service when it starts; `standard
 * list`: the standards in force on a day.
 */
async function standardCommand(
  command: string | undefined,
  values: ReturnType<typeof readArgs>['values'],
  io: BureauIo,
  deps: BureauCliDeps,
): Promise<number> {
  const file = deps.parametersFile ?? PARAMETERS_FILE;
  const current: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
  if (command === 'list') {
    const day = values.date ?? shanghaiDate(io.now);
    if (!isLocalDate(day)) return fail(io, '--date must be YYYY-MM-DD');
    const parsed = parseParameterFile(current);
    if (!parsed.ok) return fail(io, parsed.issues.join('\n'));
    for (const name of STANDARD_PARAMETERS) {
      const reading = parameterAt(parsed.table, name, day);
      io.out(
        reading.status === 'set'
          ? `${name}\t${formatYuan(reading.value)} yuan\t${reading.version} from ${reading.effectiveFrom}\t${reading.source.document}`
          : `${name}\tunset (${reading.reason})`,
      );
    }
    return 0;
  }
  if (command !== 'set') return fail(io, `unknown standard command ${command ?? ''}`);
  const yuan = Number(values.yuan);
  if (!values.name || !values.yuan || !values.from || !values.source)
    return fail(io, 'standard set needs --name, --yuan, --from and --source');
  if (!Number.isFinite(yuan)) return fail(io, '--yuan must be a number of yuan, e.g. 560 or 560.50');
  const result = amendStandard(current, {
    name: values.name,
    valueFen: fenOf(yuan),
    effectiveFrom: values.from,
    document: values.source,
    clause: values.clause ?? 'docs/domain.md §19',
  });
  if (!result.ok) return fail(io, `${result.problem}: ${result.detail}`);
  await fs.writeFile(file, `${JSON.stringify(result.file, null, 2)}\n`);
  io.out(
    `${values.name} ${result.version} = ${formatYuan(fenOf(yuan))} yuan per person per month from ${values.from} (${values.source}); written to ${file}: restart the service to apply`,
  );
  return 0;
}

async function importCommand(
  file: string | undefined,
  by: string | undefined,
  io: BureauIo,
  deps: BureauCliDeps,
) {
  if (!file) return fail(io, 'import-warnings needs the CSV file');
  if (!deps.cipher) return fail(io, 'PII_ENCRYPTION_KEY is not set: cases cannot be matched by ID number');
  if (by) {
    const member = await findStaff(io.db, by);
    if (member?.role !== 'bureau_supervisor') return fail(io, `${by} is not an active bureau_supervisor`);
  }
  let text: string;
  try {
    text = decodeCsvBytes(await fs.readFile(file));
  } catch (error) {
    return fail(io, `cannot read ${file}: ${(error as Error).message}`);
  }
  const result = await importWarnings(
    {
      db: io.db,
      cipher: deps.cipher,
      townshipIds: io.townships.map((t) => t.id),
      rules: deps.rules,
      effects: deps.effects,
      actor: { id: by ?? 'admin-cli', role: 'bureau_supervisor', township: undefined },
    },
    text,
    io.now,
  );
  if (!result.ok) {
    for (const e of result.errors) io.err(`line ${e.line}${e.column ? ` ${e.column}` : ''}: ${e.problem}`);
    const lines = new Set(result.errors.map((e) => e.line)).size;
    io.err(`nothing imported: ${lines} bad line${lines === 1 ? '' : 's'}`);
    return 2;
  }
  for (const r of result.rows) {
    const match = r.caseId
      ? `case ${r.caseId}${r.caseTownshipId ? ` (of ${r.caseTownshipId})` : ''}${r.recheck ? `: ${r.recheck.replaceAll('_', ' ')}` : ''}`
      : 'no matching case';
    io.out(
      `line ${r.line}\t${r.warningId}\t${r.townshipId}\t${r.maskedId}\t${r.status.replace('_', ' ')}\t${match}`,
    );
  }
  const imported = result.rows.filter((r) => r.status === 'imported').length;
  const started = result.rows.filter((r) => r.recheck === 'started').length;
  io.out(
    `${imported} imported, ${result.rows.length - imported} already imported, ${started} cases sent to re-check`,
  );
  return 0;
}

async function archiveCommand(caseId: string | undefined, io: BureauIo, deps: BureauCliDeps) {
  if (!caseId) return fail(io, 'archive-check needs a case id');
  const checklist = await archiveChecklist(io.db, caseId, {
    ...(deps.cipher ? { cipher: deps.cipher } : {}),
    minHomeVisitStaff: deps.rules.minimums(shanghaiDate(io.now)).homeVisitStaff,
    // Signed papers count only with their signed copy back on file (签字件).
    signedCopies: true,
  });
  if (!checklist) return fail(io, `no case ${caseId}`);
  const label = (key: string) => deps.templates.phrase('bureau.archive-items', key);
  io.out(
    `${checklist.caseId}\t${checklist.program}/${checklist.businessType}\t${checklist.townshipId}\t${checklist.state}\t${checklist.filed ? 'filed' : 'not filed'}\t${checklist.complete ? 'complete' : 'INCOMPLETE'}`,
  );
  for (const item of checklist.items) {
    const note = item.evidence.length > 0 ? item.evidence.join('; ') : (item.detail ?? '');
    io.out(`${label(`status.${item.status}`)}\t${item.id}\t${label(item.id)}\t${item.clause}\t${note}`);
    for (const m of item.materials ?? []) {
      io.out(
        `  ${label(`status.${m.status}`)}\t${m.id}\t${MATERIALS[m.id].name}${m.evidence ? `\t(${m.evidence})` : ''}`,
      );
    }
  }
  return 0;
}

const PROBLEMS: Record<Extract<SpotCheckChange, { ok: false }>['problem'], string> = {
  not_found: 'no such spot check',
  closed: 'the spot check is closed',
  findings_empty: '--findings says nothing (empty, 无, 同上, one character): write what was found',
  date_invalid: '--rectify-by must be a date YYYY-MM-DD',
  date_past: '--rectify-by is before today',
  not_rectifying: 'only a check under rectification can be closed (record findings with --rectify-by first)',
};

function changed(io: BureauIo, result: SpotCheckChange): number {
  if (!result.ok) return fail(io, PROBLEMS[result.problem]);
  const c = result.check;
  io.out(`#${c.id} ${c.caseId}: ${c.status}${c.rectifyBy ? ` (rectify by ${c.rectifyBy})` : ''}`);
  return 0;
}

function fail(io: BureauIo, message: string): number {
  io.err(message);
  return 2;
}
