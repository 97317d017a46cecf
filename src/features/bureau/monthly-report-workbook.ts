import type { TemplateStore } from '../../core/templates/template-store';
import { yuanValue } from '../../domain/money';
import { type MonthlyFigures, type ReportLine, sumFigures, type TownshipFigures } from './monthly-figures';
import { monthDays, shanghaiDateTime } from './report-month';

/** A township as the report lists it: every configured one, in configuration order. */
export interface ReportTownship {
  id: string;
  name: string;
}

const PHRASES = 'bureau.monthly-report';
/** Columns of the summary sheet, in order: phrase key and the value of a township's figures. */
const SUMMARY_COLUMNS: readonly { key: string; value: (f: TownshipFigures) => number; yuan?: true }[] = [
  { key: 'col.newDibao', value: (f) => f.newApprovals.dibao },
  { key: 'col.newTekun', value: (f) => f.newApprovals.tekun },
  { key: 'col.adjustments', value: (f) => f.adjustments },
  { key: 'col.stops', value: (f) => f.stops },
  { key: 'col.rejections', value: (f) => f.rejections },
  { key: 'col.temporaryAidCount', value: (f) => f.temporaryAid.count },
  { key: 'col.temporaryAidYuan', value: (f) => yuanValue(f.temporaryAid.totalFen), yuan: true },
  { key: 'col.overdueOpen', value: (f) => f.overdue.openAtMonthEnd },
  { key: 'col.decidedLate', value: (f) => f.overdue.decidedLate },
];
const NOTE_KEYS = [
  'note.time',
  'note.township',
  'note.newApprovals',
  'note.adjustments',
  'note.stops',
  'note.rejections',
  'note.temporaryAid',
  'note.overdueOpen',
  'note.decidedLate',
  'note.units',
  'note.details',
];
const YUAN_FORMAT = '#,##0.00';

/**
 * The monthly report as an .xlsx: a summary sheet (title, month, generation time, units, one row
 * per township and a total row), a detail sheet (one line per counted case, case ids only — no
 * names or identifiers) and the definitions of every figure. Every label comes from
 * templates/bureau; `figures` from `computeMonthlyFigures`.
 */
export async function buildMonthlyReportWorkbook(input: {
  figures: MonthlyFigures;
  townships: readonly ReportTownship[];
  generatedAt: Date;
  templates: TemplateStore;
  /** A month not over, generated on request: the stamp says the figures run only to this day. */
  partialUntil?: string;
}): Promise<Buffer> {
  const { figures, townships, templates } = input;
  const phrase = (key: string) => templates.phrase(PHRASES, key);
  // Loaded when a report is built (monthly), not at start: exceljs alone is about 28 MB of RSS.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'shulan-assist';
  workbook.created = input.generatedAt;
  workbook.modified = input.generatedAt;

  const [year, month] = figures.month.split('-').map(Number) as [number, number];
  const days = monthDays(figures.month);
  const summary = workbook.addWorksheet(phrase('sheet.summary'));
  const width = SUMMARY_COLUMNS.length + 1;
  summary.addRow([templates.render('bureau.monthly-report.title', { year, month }).text]);
  summary.mergeCells(1, 1, 1, width);
  summary.getCell(1, 1).font = { bold: true, size: 14 };
  summary.addRow([
    templates.render('bureau.monthly-report.stamp', {
      reportMonth: figures.month,
      first: days.first,
      last: days.last,
      generatedAt: shanghaiDateTime(input.generatedAt),
      partialUntil: input.partialUntil,
    }).text,
  ]);
  summary.mergeCells(2, 1, 2, width);
  const header = summary.addRow([phrase('col.township'), ...SUMMARY_COLUMNS.map((c) => phrase(c.key))]);
  header.font = { bold: true };
  const listed = [...townships];
  for (const id of figures.byTownship.keys()) {
    if (!listed.some((t) => t.id === id)) listed.push({ id, name: id });
  }
  const rowOf = (label: string, f: TownshipFigures) => {
    const row = summary.addRow([label, ...SUMMARY_COLUMNS.map((c) => c.value(f))]);
    SUMMARY_COLUMNS.forEach((c, i) => {
      if (c.yuan) row.getCell(i + 2).numFmt = YUAN_FORMAT;
    });
    return row;
  };
  for (const t of listed) rowOf(t.name, figures.byTownship.get(t.id) ?? sumFigures([]));
  rowOf(phrase('row.total'), sumFigures(figures.byTownship.values())).font = { bold: true };
  summary.getColumn(1).width = 16;
  for (let i = 2; i <= width; i++) summary.getColumn(i).width = 14;
  summary.views = [{ state: 'frozen', ySplit: 3, xSplit: 1 }];

  const details = workbook.addWorksheet(phrase('sheet.details'));
  details.addRow(
    [
      'col.township',
      'col.caseId',
      'col.program',
      'col.figure',
      'col.event',
      'col.at',
      'col.amountYuan',
      'col.dueOn',
    ].map(phrase),
  ).font = { bold: true };
  const nameOf = (id: string) => listed.find((t) => t.id === id)?.name ?? id;
  for (const line of figures.lines) {
    const row = details.addRow(detailCells(line, nameOf, templates));
    row.getCell(7).numFmt = YUAN_FORMAT;
  }
  [16, 22, 10, 12, 24, 20, 14, 12].forEach((w, i) => {
    details.getColumn(i + 1).width = w;
  });

  const notes = workbook.addWorksheet(phrase('sheet.notes'));
  notes.addRow([phrase('note.heading')]).font = { bold: true };
  for (const key of NOTE_KEYS) notes.addRow([phrase(key)]);
  notes.addRow([`${phrase('note.version')}: ${figures.definitionsVersion}`]);
  notes.getColumn(1).width = 120;
  notes.getColumn(1).alignment = { wrapText: true, vertical: 'top' };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function detailCells(
  line: ReportLine,
  nameOf: (id: string) => string,
  templates: TemplateStore,
): (string | number | null)[] {
  return [
    nameOf(line.townshipId),
    line.caseId,
    templates.phrase('chat.programs', line.program),
    templates.phrase(PHRASES, `figure.${line.figure}`),
    line.eventType ? templates.phrase(PHRASES, `event.${line.eventType}`) : null,
    line.at ? shanghaiDateTime(line.at) : null,
    line.amountFen === undefined ? null : yuanValue(line.amountFen),
    line.dueOn ?? null,
  ];
}
