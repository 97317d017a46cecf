import { yuan, yuanDigits } from '../chinese-format';
import type { DocumentBuilder } from '../document-builder';
import { centre, date, header, label, programName, section, signatureLine, value } from '../form-parts';
import type { Row } from '../pdf-canvas';

/**
 * 申请书 (六(一): a written application to the township of 户籍, with household income and assets
 * truthfully declared; 民发〔2021〕57号第九条). One per program. ID numbers are printed whole: the
 * form exists to collect them. Every adult member signs, as every member commits to the truth of
 * the declaration and authorises the check.
 */
export const applicationBuilder: DocumentBuilder = {
  kind: 'application',
  refuse: () => undefined,
  title: (t, kase) => t.t(`title.${kase.program}`),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    header(ctx, t.t(`title.${kase.program}`));
    const program = programName(common, kase.program, kase.temporaryAidKind);
    const income = kase.incomeItems.reduce((sum, item) => sum + item.monthlyFen, 0);
    const yesNo = (b: boolean | undefined) => (b ? common.t('have') : common.t('none'));
    const rows: Row[] = [
      section(t.t('section.applicant'), 6),
      {
        cells: [
          label(t.t('name')),
          value(kase.applicant.name),
          label(t.t('idNumber')),
          value(kase.applicant.idNumber, 3),
        ],
      },
      {
        cells: [
          label(t.t('program')),
          value(program),
          label(t.t('householdSize')),
          value(common.t('persons', { count: kase.householdSize })),
          label(t.t('phone')),
          value(kase.applicant.phone ?? ''),
        ],
      },
      {
        cells: [
          label(t.t('township')),
          value(kase.township.name),
          label(t.t('village')),
          value(kase.village, 3),
        ],
      },
      { cells: [label(t.t('address')), value(kase.address, 5)] },
    ];
    if (kase.residenceTownshipName) {
      rows.push({ cells: [label(t.t('residence')), value(kase.residenceTownshipName, 5)] });
    }
    rows.push({ cells: [label(t.t('submittedBy')), value(t.t(`submittedBy.${kase.submittedBy}`), 5)] });
    rows.push(section(t.t('section.members'), 6));
    rows.push({
      cells: [
        label(t.t('name')),
        label(t.t('relation')),
        label(t.t('idNumber'), 2),
        label(t.t('health')),
        label(t.t('work')),
      ],
    });
    const people = [
      {
        name: kase.applicant.name,
        relation: t.t('self'),
        idNumber: kase.applicant.idNumber,
        health: kase.applicant.health,
        work: kase.applicant.work,
      },
      ...kase.members,
    ];
    for (const p of people) {
      rows.push({
        cells: [
          centre(p.name),
          centre(p.relation),
          centre(p.idNumber ?? '', 2),
          value(p.health ?? ''),
          value(p.work ?? ''),
        ],
      });
    }
    rows.push(section(t.t('section.income'), 6));
    rows.push({ cells: [label(t.t('incomeItem'), 4), label(t.t('incomeAmount'), 2)] });
    if (kase.incomeItems.length === 0)
      rows.push({ cells: [value(t.t('noIncome'), 4), centre(yuanDigits(0), 2)] });
    for (const item of kase.incomeItems) {
      rows.push({ cells: [value(item.label, 4), centre(yuanDigits(item.monthlyFen), 2)] });
    }
    rows.push({ cells: [label(t.t('incomeTotal'), 4), centre(yuan(common, income), 2)] });
    rows.push({
      cells: [
        label(t.t('incomePerCapita'), 4),
        centre(yuan(common, Math.round(income / kase.householdSize)), 2),
      ],
    });
    rows.push(section(t.t('section.assets'), 6));
    const { assets } = kase;
    rows.push({
      cells: [
        label(t.t('savings')),
        value(assets.savingsFen === undefined ? '' : yuan(common, assets.savingsFen)),
        label(t.t('vehicle')),
        centre(yesNo(assets.hasVehicle)),
        label(t.t('housing')),
        centre(assets.housingUnits === undefined ? '' : String(assets.housingUnits)),
      ],
    });
    rows.push({ cells: [label(t.t('otherAssets')), value(assets.other.join('；') || common.t('none'), 5)] });
    rows.push({
      cells: [
        label(t.t('section.reason')),
        {
          text: [
            kase.reason,
            kase.requestedFen ? t.t('requested', { yuan: yuan(common, kase.requestedFen) }) : '',
          ]
            .filter(Boolean)
            .join('\n'),
          span: 5,
          valign: 'top',
        },
      ],
      minHeight: 64,
    });
    rows.push({
      cells: [
        label(t.t('nearRelative'), 3),
        value(kase.nearRelatives.length > 0 ? t.t('nearRelativeYes') : common.t('no'), 3),
      ],
    });
    canvas.table([13, 19, 13, 20, 13, 22], rows, { size: 10 });
    canvas.space(10);
    canvas.paragraph(t.t('commitment'), { size: 10.5, indent: 2, leading: 1.6 });
    canvas.space(6);
    signatureLine(ctx, t.t('applicantSigns'));
    for (const m of kase.members.filter((member) => member.adult)) {
      signatureLine(ctx, t.t('memberSigns', { name: m.name, relation: m.relation }));
    }
    canvas.space(6);
    canvas.paragraph(t.t('submittedOn', { date: date(ctx, kase.submittedOn) }), { size: 11, align: 'right' });
  },
};
