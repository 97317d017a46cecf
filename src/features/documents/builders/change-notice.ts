import { chineseMonth, yuan } from '../chinese-format';
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
 * 停保/调整告知书 (七(一): adjustments and stops are confirmed by the township meeting and filed
 * with the bureau; 民发〔2021〕57号第三十二、三十四条: reasons in writing), with the remedies of a
 * decision against the applicant.
 */
export const changeNoticeBuilder: DocumentBuilder = {
  kind: 'change_notice',
  refuse: (kase) =>
    kase.decision?.type === 'adjust' || kase.decision?.type === 'stop'
      ? undefined
      : refusal('change_notice', 'not_applicable', `decision is ${kase.decision?.type ?? 'not taken'}`),
  title: (t, kase) => t.t(kase.decision?.type === 'stop' ? 'title.stop' : 'title.adjust'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const decision = kase.decision;
    if (decision?.type !== 'adjust' && decision?.type !== 'stop') return;
    header(ctx, t.t(`title.${decision.type}`));
    canvas.paragraph(t.t('salutation', { name: kase.applicant.name }), { size: 12 });
    const shared = {
      issuer: issuerName(common, kase.township),
      decidedOn: date(ctx, decision.decidedOn),
      program: programName(common, kase.program, kase.temporaryAidKind),
      caseId: kase.caseId,
    };
    if (decision.type === 'stop') {
      prose(ctx, t.t('stop', { ...shared, lastMonth: chineseMonth(common, decision.lastMonth) }));
    } else {
      prose(
        ctx,
        t.t('adjust', {
          ...shared,
          startMonth: chineseMonth(common, decision.startMonth),
          amount: yuan(common, decision.amountFen),
          previous: decision.previousAmountFen ? yuan(common, decision.previousAmountFen) : '',
          householdSize: decision.householdSize,
        }),
      );
    }
    numbered(ctx, decision.reasons);
    prose(ctx, t.t('basis'));
    prose(ctx, common.t('remedies', { reviewBody: common.t('reviewBody') }));
    sealBlock(ctx);
    canvas.space(8);
    signatureLine(ctx, t.t('receipt'));
  },
};
