import type { DocumentBuilder } from '../document-builder';
import { refusal } from '../document-kinds';
import { date, header, issuerName, programName, prose, sealBlock, signatureLine } from '../form-parts';

/**
 * 受理通知书 (六(一): complete materials are accepted; 六 last paragraph: decided within 30 working
 * days of acceptance, 45/60 at most in special cases). The due date is the caller's, computed on
 * the working-day calendar (src/domain/deadlines).
 */
export const acceptanceNoticeBuilder: DocumentBuilder = {
  kind: 'acceptance_notice',
  refuse: (kase) =>
    kase.acceptance ? undefined : refusal('acceptance_notice', 'step_not_reached', 'not accepted'),
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const acceptance = kase.acceptance!;
    header(ctx, t.t('title'));
    canvas.paragraph(t.t('salutation', { name: kase.applicant.name }), { size: 12 });
    prose(
      ctx,
      t.t('body', {
        submittedOn: date(ctx, kase.submittedOn),
        program: programName(common, kase.program, kase.temporaryAidKind),
        caseId: kase.caseId,
        issuer: issuerName(common, kase.township),
        acceptedOn: date(ctx, acceptance.acceptedOn),
      }),
    );
    prose(
      ctx,
      t.t('deadline', {
        policyBasis: common.t('policyBasis'),
        dueOn: acceptance.decisionDueOn ? date(ctx, acceptance.decisionDueOn) : '',
      }),
    );
    prose(ctx, t.t('next'));
    const contact = t.t('contact', {
      caseworker: kase.caseworker?.name ?? '',
      phone: kase.township.officePhone ?? '',
    });
    if (contact.trim()) prose(ctx, contact);
    sealBlock(ctx, acceptance.acceptedOn);
    canvas.space(8);
    signatureLine(ctx, t.t('receipt'));
  },
};
