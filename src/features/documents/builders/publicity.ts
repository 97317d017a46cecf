import { yuan, yuanDigits } from '../chinese-format';
import type { DocumentBuilder } from '../document-builder';
import { refusal } from '../document-kinds';
import { centre, date, header, issuerName, label, programName, sealBlock } from '../form-parts';

/**
 * 公示 for the village notice board (六(三): 7 days in the applicant's village). Large type.
 * Only what may be published (民发〔2021〕57号第二十四条, DOMAIN-RESEARCH §4.4): name, household
 * size, program, amount, dates, where to object, the supervision phone — never an ID number,
 * phone, address, income or illness. An HIV-tagged case never produces one (Jilin rule).
 */
export const publicityBuilder: DocumentBuilder = {
  kind: 'publicity',
  refuse: (kase) => {
    if (kase.hivTagged) return refusal('publicity', 'confidential_case', 'HIV-tagged: never publicised');
    if (!kase.publicity) return refusal('publicity', 'step_not_reached', 'no publicity started');
    return undefined;
  },
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const publicity = kase.publicity!;
    const program = programName(common, kase.program, kase.temporaryAidKind);
    header(ctx, t.t('title'), 40);
    canvas.space(6);
    canvas.paragraph(t.t('intro', { program }), { size: 18, indent: 2, leading: 1.7 });
    canvas.space(10);
    canvas.table(
      [25, 20, 27, 28],
      [
        {
          cells: [
            label(t.t('name')),
            label(t.t('householdSize')),
            label(t.t('program')),
            label(t.t('amount')),
          ],
        },
        {
          cells: [
            centre(kase.applicant.name),
            centre(common.t('persons', { count: kase.householdSize })),
            centre(common.t(`programShort.${kase.program}`)),
            centre(
              publicity.amountFen === undefined
                ? t.t('amountPending')
                : kase.program === 'linshi'
                  ? yuan(common, publicity.amountFen)
                  : common.t('yuanPerMonth', { amount: yuanDigits(publicity.amountFen) }),
            ),
          ],
          minHeight: 48,
        },
      ],
      { size: 17 },
    );
    canvas.space(14);
    const style = { size: 17, indent: 2, leading: 1.8 } as const;
    canvas.paragraph(
      t.t('period', {
        startsOn: date(ctx, publicity.startsOn),
        endsOn: date(ctx, publicity.endsOn),
        days: publicity.days,
      }),
      style,
    );
    const where =
      publicity.objectionPlace ??
      `${issuerName(common, kase.township)}（${common.t('civilAffairsOffice', { township: kase.township.name })}）`;
    canvas.paragraph(t.t('objection', { where }), style);
    canvas.paragraph(
      t.t('supervision', { phone: kase.township.supervisionPhone ?? '＿＿＿＿＿＿＿＿' }),
      style,
    );
    canvas.space(10);
    sealBlock(ctx, publicity.startsOn);
    canvas.space(16);
    canvas.paragraph(t.t('basis'), { size: 9, leading: 1.5 });
  },
};
