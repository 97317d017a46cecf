import type { DocumentBuilder } from '../document-builder';
import { centre, date, header, issuerName, label, programName, prose, signatureLine } from '../form-parts';

/**
 * 家庭经济状况核对授权书 (六(一) “履行授权核查家庭经济状况的相关程序”; 民发〔2021〕57号第九条,
 * 社会救助暂行办法 第五十八条): every member of full capacity authorises the check and signs; a
 * guardian signs for one who cannot. ID numbers are printed whole: the check needs them.
 */
export const authorisationBuilder: DocumentBuilder = {
  kind: 'authorisation',
  refuse: () => undefined,
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    header(ctx, t.t('title'));
    const issuer = issuerName(common, kase.township);
    canvas.paragraph(t.t('intro', { issuer }), { size: 12 });
    prose(ctx, t.t('body', { issuer, program: programName(common, kase.program, kase.temporaryAidKind) }));
    prose(ctx, t.t('scope'));
    prose(ctx, t.t('guardian'));
    prose(ctx, t.t('privacy'));
    canvas.space(8);
    const people = [
      { name: kase.applicant.name, relation: t.t('self'), idNumber: kase.applicant.idNumber },
      ...kase.members,
    ];
    canvas.table(
      [16, 16, 30, 22, 16],
      [
        {
          cells: [
            label(t.t('name')),
            label(t.t('relation')),
            label(t.t('idNumber')),
            label(t.t('signature')),
            label(t.t('guardianSignature')),
          ],
        },
        ...people.map((p) => ({
          cells: [centre(p.name), centre(p.relation), centre(p.idNumber ?? ''), centre(''), centre('')],
          minHeight: 30,
        })),
      ],
      { size: 10, header: 1 },
    );
    canvas.space(12);
    signatureLine(ctx, t.t('applicantSigns'), false);
    canvas.paragraph(date(ctx, ctx.issue.issuedOn), { size: 11, align: 'right' });
  },
};
