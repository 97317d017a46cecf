import type { DocumentBuilder } from '../document-builder';
import { refusal } from '../document-kinds';
import {
  centre,
  date,
  header,
  label,
  programName,
  prose,
  sealBlock,
  signatureLine,
  value,
} from '../form-parts';

/**
 * 民主评议记录 when the appraisal was held; otherwise the recorded reason it was not (六(二): an
 * application without dispute may skip it). Never for an HIV case: no appraisal there (Jilin rule).
 */
export const appraisalRecordBuilder: DocumentBuilder = {
  kind: 'appraisal_record',
  refuse: (kase) => {
    if (kase.hivTagged) return refusal('appraisal_record', 'confidential_case', 'HIV-tagged: no appraisal');
    if (!kase.appraisal) return refusal('appraisal_record', 'step_not_reached', 'no appraisal recorded');
    return undefined;
  },
  title: (t, kase) => (kase.appraisal?.held === false ? t.t('titleSkipped') : t.t('title')),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const appraisal = kase.appraisal!;
    const program = programName(common, kase.program, kase.temporaryAidKind);
    if (!appraisal.held) {
      header(ctx, t.t('titleSkipped'));
      canvas.table(
        [18, 32, 18, 32],
        [
          {
            cells: [
              label(t.t('applicant')),
              value(kase.applicant.name),
              label(t.t('program')),
              value(program),
            ],
          },
          {
            cells: [
              label(t.t('village')),
              value(kase.village),
              label(t.t('decidedOn')),
              value(date(ctx, appraisal.decidedOn)),
            ],
          },
        ],
      );
      canvas.space(10);
      prose(ctx, t.t('skipBasis'));
      prose(ctx, appraisal.skipReason);
      canvas.space(10);
      signatureLine(ctx, t.t('caseworkerSigns'));
      signatureLine(ctx, t.t('reviewerSigns'));
      sealBlock(ctx, appraisal.decidedOn);
      return;
    }
    header(ctx, t.t('title'));
    canvas.table(
      [18, 32, 18, 32],
      [
        {
          cells: [label(t.t('applicant')), value(kase.applicant.name), label(t.t('program')), value(program)],
        },
        {
          cells: [
            label(t.t('heldOn')),
            value(date(ctx, appraisal.heldOn)),
            label(t.t('place')),
            value(appraisal.place),
          ],
        },
        {
          cells: [
            label(t.t('host')),
            value(appraisal.host ?? ''),
            label(t.t('recorder')),
            value(appraisal.recorder ?? ''),
          ],
        },
        {
          cells: [label(t.t('introduction')), { text: appraisal.introduction, span: 3, valign: 'top' }],
          minHeight: 60,
        },
        {
          cells: [label(t.t('opinions')), { text: appraisal.opinions, span: 3, valign: 'top' }],
          minHeight: 60,
        },
        {
          cells: [label(t.t('conclusion')), { text: appraisal.conclusion, span: 3, valign: 'top' }],
          minHeight: 40,
        },
      ],
    );
    canvas.space(10);
    canvas.paragraph(t.t('participants'), { size: 12, face: 'bold' });
    canvas.table(
      [10, 25, 35, 30],
      [
        { cells: [label(t.t('n')), label(t.t('name')), label(t.t('identity')), label(t.t('signature'))] },
        ...appraisal.participants.map((p, i) => ({
          cells: [centre(String(i + 1)), centre(p.name), centre(p.identity), centre('')],
          minHeight: 26,
        })),
      ],
      { header: 1 },
    );
  },
};
