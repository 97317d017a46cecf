import { MATERIALS } from '../../../domain/materials/catalogue-items';
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
 * 补正材料一次性告知书 (六(一): materials incomplete → tell the applicant every missing material at
 * once; 民发〔2021〕57号第十条). The items are the catalogue's (src/domain/materials), named and
 * explained as the chat notice names them.
 */
export const materialsNoticeBuilder: DocumentBuilder = {
  kind: 'materials_notice',
  refuse: (kase) =>
    kase.materialsRequest
      ? undefined
      : refusal('materials_notice', 'step_not_reached', 'no materials request'),
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const request = kase.materialsRequest!;
    header(ctx, t.t('title'));
    canvas.paragraph(t.t('salutation', { name: kase.applicant.name }), { size: 12 });
    prose(
      ctx,
      t.t('body', {
        submittedOn: date(ctx, kase.submittedOn),
        program: programName(common, kase.program, kase.temporaryAidKind),
        caseId: kase.caseId,
        policyBasis: common.t('policyBasis'),
      }),
    );
    canvas.space(6);
    canvas.table(
      [8, 46, 46],
      [
        { cells: [label(t.t('n')), label(t.t('item')), label(t.t('purpose'))] },
        ...request.items.map((id, i) => ({
          cells: [centre(String(i + 1)), value(MATERIALS[id].name), value(MATERIALS[id].purpose)],
        })),
      ],
      { size: 10.5, header: 1 },
    );
    canvas.space(8);
    const office = common.t('civilAffairsOffice', { township: kase.township.name });
    prose(ctx, t.t('closing', { office }));
    sealBlock(ctx, request.requestedOn);
    canvas.space(8);
    signatureLine(ctx, t.t('receipt'));
  },
};
