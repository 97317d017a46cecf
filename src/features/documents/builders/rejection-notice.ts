import type { DocumentBuilder } from '../document-builder';
import { refusal } from '../document-kinds';
import {
  date,
  header,
  issuerName,
  numbered,
  programName,
  prose,
  sealBlock,
  signatureLine,
} from '../form-parts';

/**
 * 不予批准告知书 (六(三): refusal in writing with reasons; 民发〔2021〕57号第二十一条: within 3
 * working days; 第三十八条 and DOMAIN.md: the remedies — 行政复议 within 60 days (行政复议法
 * 第二十条), 行政诉讼 within 6 months (行政诉讼法 第四十六条)). The review body for a township
 * government or subdistrict office is the city government (行政复议法 第二十四条); it is wording
 * in the common template, so the bureau can correct it without a release.
 */
export const rejectionNoticeBuilder: DocumentBuilder = {
  kind: 'rejection_notice',
  refuse: (kase) =>
    kase.decision?.type === 'reject'
      ? undefined
      : refusal('rejection_notice', 'not_applicable', `decision is ${kase.decision?.type ?? 'not taken'}`),
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const decision = kase.decision;
    if (decision?.type !== 'reject') return;
    header(ctx, t.t('title'));
    canvas.paragraph(t.t('salutation', { name: kase.applicant.name }), { size: 12 });
    const program = programName(common, kase.program, kase.temporaryAidKind);
    prose(
      ctx,
      t.t('body', {
        program,
        caseId: kase.caseId,
        issuer: issuerName(common, kase.township),
        decidedOn: date(ctx, decision.decidedOn),
      }),
    );
    numbered(ctx, decision.reasons);
    prose(ctx, t.t('basis'));
    prose(ctx, common.t('remedies', { reviewBody: common.t('reviewBody') }));
    prose(ctx, t.t('reapply'));
    prose(ctx, t.t('enquiry', { office: common.t('civilAffairsOffice', { township: kase.township.name }) }));
    sealBlock(ctx);
    canvas.space(8);
    signatureLine(ctx, t.t('receipt'));
  },
};
