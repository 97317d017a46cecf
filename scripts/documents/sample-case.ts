import type { CaseArchiveInput, DocumentCaseInput, Issue } from '../../src/features/documents';

/**
 * A fictitious case of 平安镇 (names, ID numbers and phones invented; the ID numbers carry valid
 * check digits so they look like what the forms hold). Used by the sample renderer, the bench and
 * the tests. The 低保 case has reached every step, so every document can be drawn from it.
 */
export const SAMPLE_ISSUE: Issue = { issuedOn: '2026-12-03', generatedAt: new Date('2026-12-03T02:00:00Z') };

export function sampleCase(): DocumentCaseInput {
  return {
    caseId: 'PA-2026-0117',
    program: 'dibao',
    businessType: 'new',
    township: {
      name: '平安镇',
      kind: 'town',
      supervisionPhone: '0432-68200000',
      officePhone: '0432-68200001',
    },
    village: '平安镇王家村',
    address: '三组',
    submittedBy: 'self',
    submittedOn: '2026-11-02',
    applicant: {
      name: '张桂兰',
      idNumber: '220283196803140526',
      phone: '13904321234',
      health: '慢性病（需长期服药）',
      work: '务农',
    },
    members: [
      {
        name: '李建国',
        relation: '配偶',
        idNumber: '22028319700822061X',
        adult: true,
        health: '腰椎损伤',
        work: '灵活就业',
      },
      {
        name: '李秀英',
        relation: '女儿',
        idNumber: '220283199909170428',
        adult: true,
        health: '健康',
        work: '在校大学生',
      },
      {
        name: '李小明',
        relation: '儿子',
        idNumber: '220283201205060319',
        adult: false,
        health: '健康',
        work: '在校初中生',
      },
    ],
    householdSize: 4,
    incomeItems: [
      { label: '种植收入（玉米，按年折月）', monthlyFen: 60000 },
      { label: '李建国灵活就业收入', monthlyFen: 45000 },
    ],
    assets: { savingsFen: 300000, hasVehicle: false, housingUnits: 1, other: ['农用三轮车一辆'] },
    reason:
      '本人患慢性病需长期服药，配偶腰椎受伤后只能做零工，两个子女上学，家庭收入不能维持基本生活，申请最低生活保障。',
    nearRelatives: [
      {
        memberName: '李建国',
        relativeName: '李建军',
        relativeRole: 'village_committee',
        relativeUnit: '王家村村民委员会委员',
        kinship: '兄弟',
      },
    ],
    nearRelativeRegisteredOn: '2026-11-09',
    caseworker: { name: '王建华', position: '平安镇民政办经办人员' },
    materialsRequest: {
      requestedOn: '2026-11-04',
      items: ['household_identity_documents', 'income_assets_declaration', 'near_relative_filing_form'],
    },
    acceptance: { acceptedOn: '2026-11-09', decisionDueOn: '2026-12-21' },
    homeVisit: {
      visitedOn: '2026-11-12',
      investigators: [
        { name: '王建华', position: '民政办经办人员' },
        { name: '刘淑芬', position: '民政办工作人员' },
      ],
      familyPresent: ['张桂兰', '李建国'],
      findings: '住房为自有砖瓦房，家中无高档耐用消费品；申报收入与核实情况基本一致。',
    },
    appraisal: {
      held: false,
      decidedOn: '2026-11-16',
      skipReason: '申请家庭情况清楚，村民无异议，经村委会确认本申请无争议。',
    },
    publicity: { startsOn: '2026-11-18', endsOn: '2026-11-24', days: 7, amountFen: 96000 },
    meeting: {
      heldOn: '2026-12-01',
      place: '平安镇政府三楼会议室',
      host: '赵志刚',
      recorder: '王建华',
      attendees: [
        { name: '赵志刚', position: '副镇长（民政分管领导）', role: 'coordination_member' },
        { name: '孙丽', position: '纪委书记', role: 'coordination_member' },
        { name: '周海涛', position: '民政办主任（民政工作负责人）', role: 'coordination_member' },
        { name: '王建华', position: '民政办经办人员', role: 'township_caseworker' },
        { name: '刘淑芬', position: '民政办工作人员', role: 'township_caseworker' },
        { name: '陈志', position: '王家村党支部书记', role: 'village_representative' },
      ],
      items: [
        {
          caseId: 'PA-2026-0117',
          applicantName: '张桂兰',
          program: 'dibao',
          householdSize: 4,
          decision: {
            type: 'approve',
            decidedOn: '2026-12-01',
            amountFen: 96000,
            startMonth: '2027-01',
            householdSize: 4,
          },
        },
        {
          caseId: 'PA-2026-0121',
          applicantName: '高玉芬',
          program: 'tekun',
          householdSize: 1,
          decision: { type: 'reject', decidedOn: '2026-12-01', reasons: ['有法定赡养义务人且具备赡养能力'] },
        },
      ],
    },
    decision: {
      type: 'approve',
      decidedOn: '2026-12-01',
      amountFen: 96000,
      startMonth: '2027-01',
      householdSize: 4,
    },
  };
}

/** The same household refused: for the 不予批准告知书. */
export function rejectedCase(): DocumentCaseInput {
  return {
    ...sampleCase(),
    decision: {
      type: 'reject',
      decidedOn: '2026-12-01',
      reasons: ['家庭月人均收入高于当地城乡低保标准', '名下存款超过规定的财产限额'],
    },
  };
}

/** The same household after a re-check: for the 保障金额调整告知书 and 停止保障告知书. */
export function adjustedCase(): DocumentCaseInput {
  return {
    ...sampleCase(),
    decision: {
      type: 'adjust',
      decidedOn: '2027-06-02',
      amountFen: 64000,
      previousAmountFen: 96000,
      startMonth: '2027-07',
      householdSize: 3,
      reasons: ['女儿李秀英毕业就业，不再计入共同生活家庭成员'],
    },
  };
}

export function stoppedCase(): DocumentCaseInput {
  return {
    ...sampleCase(),
    decision: {
      type: 'stop',
      decidedOn: '2027-09-01',
      lastMonth: '2027-09',
      reasons: ['家庭月人均收入连续超过当地低保标准，渐退期已满'],
    },
  };
}

/** A small 临时救助 (急难型) after a house fire: for the 临时救助审批表. */
export function temporaryAidCase(): DocumentCaseInput {
  return {
    ...sampleCase(),
    caseId: 'PA-2026-0130',
    program: 'linshi',
    temporaryAidKind: 'emergency',
    householdSize: 4,
    reason: '2026年11月20日夜间住房失火，厨房及部分生活用品被烧毁。',
    nearRelatives: [],
    temporaryAid: {
      incident: '住房失火，厨房及被褥、衣物等生活用品烧毁，派出所出具火灾情况证明。',
      occurredOn: '2026-11-20',
      emergencyProcedure: true,
      villageOpinion: '情况属实，建议给予急难型临时救助。',
      caseworkerOpinion: '经入户核实，符合急难型临时救助条件，救助金额在乡镇审批权限内。',
    },
    publicity: undefined,
    decision: {
      type: 'approve',
      decidedOn: '2026-11-23',
      amountFen: 300000,
      startMonth: '2026-12',
      householdSize: 4,
    },
  };
}

/** The case tagged HIV (Jilin rule): no 公示, no appraisal, no township meeting. */
export function confidentialCase(): DocumentCaseInput {
  return { ...sampleCase(), caseId: 'PA-2026-0133', hivTagged: true, meeting: undefined };
}

export function sampleArchive(photos: CaseArchiveInput['photos'] = []): CaseArchiveInput {
  return { kase: sampleCase(), photos, archivedOn: '2026-12-05', generatedAt: SAMPLE_ISSUE.generatedAt };
}
