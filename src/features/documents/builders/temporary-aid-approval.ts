import { maskIdNumber, yuan } from '../chinese-format';
import type { DocumentBuilder } from '../document-builder';
import { refusal } from '../document-kinds';
import { centre, date, header, label, value } from '../form-parts';
import type { Row } from '../pdf-canvas';

/**
 * 临时救助审批表 (三(三)/(四): the township decides small temporary aid — 急难型 up to 1000 yuan a
 * person, 支出型 up to 6 months of the urban 低保 standard; above that it is 一事一议 for the bureau;
 * 六(五): paid monthly except under the emergency procedure). Opinions with signature and seal
 * places for the village, the caseworker, the meeting and the township.
 */
export const temporaryAidApprovalBuilder: DocumentBuilder = {
  kind: 'temporary_aid_approval',
  refuse: (kase) =>
    kase.program === 'linshi'
      ? undefined
      : refusal('temporary_aid_approval', 'not_applicable', `program ${kase.program} is not 临时救助`),
  title: (t) => t.t('title'),
  draw(ctx) {
    const { t, common, kase, canvas } = ctx;
    const aid = kase.temporaryAid;
    const kind = kase.temporaryAidKind ?? 'emergency';
    const decision = kase.decision;
    const approvedFen = decision?.type === 'approve' ? decision.amountFen : undefined;
    header(ctx, t.t('title'));
    const sign = `${t.t('signature')}${common.t('colon')}　　　　　　${t.t('seal')}\n${common.t('dateLabel')}${common.t('blankDate')}`;
    const opinion = (labelText: string, text: string): Row => ({
      cells: [label(labelText), { text: `${text}\n\n${sign}`, span: 5, valign: 'top' }],
      minHeight: 78,
    });
    const rows: Row[] = [
      {
        cells: [
          label(t.t('applicant')),
          value(kase.applicant.name),
          label(t.t('idNumber')),
          value(maskIdNumber(kase.applicant.idNumber), 3),
        ],
      },
      {
        cells: [
          label(t.t('householdSize')),
          centre(common.t('persons', { count: kase.householdSize })),
          label(t.t('phone')),
          value(kase.applicant.phone ?? ''),
          label(t.t('aidKind')),
          centre(common.t(`aidKind.${kind}`)),
        ],
      },
      { cells: [label(t.t('address')), value([kase.village, kase.address].filter(Boolean).join(' '), 5)] },
      {
        cells: [
          label(t.t('incident')),
          { text: aid?.incident ?? kase.reason, span: 3, valign: 'top' },
          label(t.t('occurredOn')),
          centre(aid?.occurredOn ? date(ctx, aid.occurredOn) : ''),
        ],
        minHeight: 56,
      },
      {
        cells: [
          label(t.t('procedure')),
          value(t.t(aid?.emergencyProcedure ? 'procedure.emergency' : 'procedure.normal'), 2),
          label(t.t('amount')),
          centre(approvedFen === undefined ? '' : yuan(common, approvedFen), 2),
        ],
      },
      {
        cells: [
          label(t.t('perPerson')),
          centre(
            approvedFen === undefined ? '' : yuan(common, Math.round(approvedFen / kase.householdSize)),
            2,
          ),
          label(t.t('limit')),
          value(t.t(`limit.${kind}`), 2),
        ],
      },
      { cells: [label(t.t('payment')), value(t.t('payment.value'), 5)] },
      opinion(t.t('villageOpinion'), aid?.villageOpinion ?? ''),
      opinion(t.t('caseworkerOpinion'), aid?.caseworkerOpinion ?? ''),
      opinion(
        t.t('meetingOpinion'),
        approvedFen === undefined ? '' : t.t('approvedText', { amount: yuan(common, approvedFen) }),
      ),
      opinion(t.t('leaderOpinion'), ''),
    ];
    canvas.table([16, 18, 14, 18, 14, 20], rows, { size: 10 });
  },
};
