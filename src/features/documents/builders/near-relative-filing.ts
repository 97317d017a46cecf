import { maskIdNumber } from '../chinese-format';
import type { DocumentBuilder } from '../document-builder';
import { refusal } from '../document-kinds';
import {
  blankRow,
  centre,
  date,
  header,
  label,
  programName,
  sealBlock,
  signatureLine,
  value,
} from '../form-parts';

/**
 * 《吉林省申请低保经办人员和村(居)民委员会成员近亲属低保备案表》 (六(一): must be filled in when
 * the applicant is a near relative of a 低保 caseworker or committee member, and the township
 * registers it separately; 民发〔2021〕57号第十一条). Only when declared: no form, no filing.
 */
export const nearRelativeFilingBuilder: DocumentBuilder = {
  kind: 'near_relative_filing',
  refuse: (kase) =>
    kase.nearRelatives.length === 0 && !kase.nearRelativeDeclared
      ? refusal('near_relative_filing', 'not_declared', 'no near relative declared')
      : undefined,
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    header(ctx, t.t('title'), 16);
    canvas.table(
      [20, 22, 22, 18, 18],
      [
        {
          cells: [
            label(t.t('applicant')),
            value(kase.applicant.name),
            label(t.t('idNumber')),
            value(maskIdNumber(kase.applicant.idNumber), 2),
          ],
        },
        { cells: [label(t.t('address')), value([kase.village, kase.address].filter(Boolean).join(' '), 4)] },
        {
          cells: [label(t.t('program')), value(programName(common, kase.program, kase.temporaryAidKind), 4)],
        },
        {
          cells: [
            label(t.t('memberName')),
            label(t.t('relativeName')),
            label(t.t('relativeUnit'), 2),
            label(t.t('kinship')),
          ],
        },
        ...kase.nearRelatives.map((r) => ({
          cells: [
            centre(r.memberName),
            centre(`${r.relativeName}（${t.t(`role.${r.relativeRole}`)}）`),
            centre(r.relativeUnit, 2),
            centre(r.kinship),
          ],
        })),
        // Declared in chat as a yes, without names: two rows to fill in by hand at the township.
        ...(kase.nearRelatives.length === 0
          ? [0, 1].map(() => ({ cells: [centre(''), centre(''), centre('', 2), centre('')], minHeight: 26 }))
          : []),
        {
          cells: [
            label(t.t('declaredOn')),
            centre(date(ctx, kase.submittedOn)),
            label(t.t('registeredOn')),
            centre(kase.nearRelativeRegisteredOn ? date(ctx, kase.nearRelativeRegisteredOn) : '', 2),
          ],
        },
        { cells: [{ text: t.t('statement'), span: 5 }], minHeight: 30 },
        blankRow(t.t('townshipOpinion'), 5, 70),
        blankRow(t.t('bureauRecord'), 5, 50),
      ],
      { size: 10.5 },
    );
    canvas.space(10);
    signatureLine(ctx, t.t('applicantSigns'));
    signatureLine(ctx, t.t('registrarSigns'));
    sealBlock(ctx);
  },
};
