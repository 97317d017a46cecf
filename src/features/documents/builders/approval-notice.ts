import { chineseMonth, yuan } from '../chinese-format';
import type { DocumentBuilder } from '../document-builder';
import { refusal } from '../document-kinds';
import { date, header, issuerName, programName, prose, sealBlock, signatureLine } from '../form-parts';

/**
 * 审批结果通知书 (六(三); 民发〔2021〕57号第二十一条: amount and the month payment starts, paid
 * monthly by the bureau, 六(五); the duty to report changes).
 */
export const approvalNoticeBuilder: DocumentBuilder = {
  kind: 'approval_notice',
  refuse: (kase) =>
    kase.decision?.type === 'approve'
      ? undefined
      : refusal('approval_notice', 'not_applicable', `decision is ${kase.decision?.type ?? 'not taken'}`),
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const decision = kase.decision;
    if (decision?.type !== 'approve') return;
    header(ctx, t.t('title'));
    canvas.paragraph(t.t('salutation', { name: kase.applicant.name }), { size: 12 });
    prose(
      ctx,
      t.t('body', {
        program: programName(common, kase.program, kase.temporaryAidKind),
        caseId: kase.caseId,
        issuer: issuerName(common, kase.township),
        decidedOn: date(ctx, decision.decidedOn),
      }),
    );
    const amount = yuan(common, decision.amountFen);
    prose(
      ctx,
      kase.program === 'linshi'
        ? t.t('oneTime', { amount })
        : t.t('monthly', {
            householdSize: decision.householdSize,
            amount,
            startMonth: chineseMonth(common, decision.startMonth),
          }),
    );
    prose(ctx, t.t('duty', { office: common.t('civilAffairsOffice', { township: kase.township.name }) }));
    sealBlock(ctx);
    canvas.space(8);
    signatureLine(ctx, t.t('receipt'));
  },
};
