import { maskIdNumber, yuanDigits } from '../chinese-format';
import type { DocumentBuilder } from '../document-builder';
import {
  blankRow,
  centre,
  date,
  header,
  label,
  programName,
  section,
  signatureLine,
  value,
} from '../form-parts';
import type { Row } from '../pdf-canvas';

/** 六(二): at least two township staff visit; each signs (“谁入户、谁签字、谁负责”). */
export const MIN_INVESTIGATORS = 2;

/**
 * 入户调查表 (民发〔2021〕57号第十六条: the investigators and the family members present sign the
 * form; 六(二)). The household is pre-filled from the application; the findings are blank for the
 * visit, except what the caseworker already recorded. ID numbers masked: the visit does not need
 * them in full.
 */
export const homeVisitBuilder: DocumentBuilder = {
  kind: 'home_visit',
  refuse: () => undefined,
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const visit = kase.homeVisit;
    header(ctx, t.t('title'));
    canvas.paragraph(t.t('basis'), { size: 9, leading: 1.5 });
    canvas.space(4);
    const declared = kase.incomeItems.reduce((sum, item) => sum + item.monthlyFen, 0);
    const rows: Row[] = [
      {
        cells: [
          label(t.t('applicant')),
          value(kase.applicant.name),
          label(t.t('idNumber')),
          value(maskIdNumber(kase.applicant.idNumber), 3),
        ],
      },
      {
        cells: [
          label(t.t('program')),
          value(programName(common, kase.program, kase.temporaryAidKind)),
          label(t.t('householdSize')),
          centre(common.t('persons', { count: kase.householdSize })),
          label(t.t('visitedOn')),
          centre(visit?.visitedOn ? date(ctx, visit.visitedOn) : common.t('blankDate')),
        ],
      },
      { cells: [label(t.t('address')), value([kase.village, kase.address].filter(Boolean).join(' '), 5)] },
      section(t.t('section.members'), 6),
      {
        cells: [label(t.t('name')), label(t.t('relation')), label(t.t('health'), 2), label(t.t('work'), 2)],
      },
      ...[
        {
          name: kase.applicant.name,
          relation: t.t('self'),
          health: kase.applicant.health,
          work: kase.applicant.work,
        },
        ...kase.members,
      ].map((m) => ({
        cells: [centre(m.name), centre(m.relation), value(m.health ?? '', 2), value(m.work ?? '', 2)],
        minHeight: 24,
      })),
      section(t.t('section.findings'), 6),
      blankRow(t.t('housing'), 6, 40),
      blankRow(t.t('durables'), 6, 34),
      blankRow(t.t('production'), 6, 34),
      {
        cells: [
          label(t.t('incomeExpense')),
          label(t.t('declaredIncome')),
          centre(yuanDigits(declared)),
          label(t.t('verifiedIncome')),
          { text: '', span: 2 },
        ],
        minHeight: 28,
      },
      blankRow(t.t('living'), 6, 48),
      {
        cells: [label(t.t('conclusion')), { text: visit?.findings ?? '', span: 5, valign: 'top' }],
        minHeight: 56,
      },
    ];
    canvas.table([15, 17, 17, 17, 17, 17], rows, { size: 10 });
    canvas.space(8);
    const investigators = visit?.investigators ?? [];
    const lines = Math.max(MIN_INVESTIGATORS, investigators.length);
    for (let i = 0; i < lines; i++) {
      const who = investigators[i];
      const name = who ? [who.name, who.position].filter(Boolean).join(' ') : '';
      signatureLine(
        ctx,
        name ? t.t('investigatorNamed', { n: i + 1, name }) : t.t('investigator', { n: i + 1 }),
      );
    }
    const present = visit?.familyPresent ?? [];
    if (present.length === 0) {
      signatureLine(ctx, t.t('familyPresent'));
      signatureLine(ctx, t.t('familyPresent'));
    }
    for (const name of present) signatureLine(ctx, t.t('familyPresentNamed', { name }));
  },
};
