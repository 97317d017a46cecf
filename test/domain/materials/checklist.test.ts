import {
  checklistFor,
  type MaterialsApplication,
  missingMaterials,
} from '../../../src/domain/materials/checklist';
import type { Circumstance, MaterialId } from '../../../src/domain/materials/material-types';

const ids = (application: MaterialsApplication) => checklistFor(application).items.map((i) => i.id);
const dibaoNew = (circumstances: Circumstance[] = []): MaterialsApplication => ({
  program: 'dibao',
  businessType: 'new',
  circumstances,
});

describe('checklistFor (六(一))', () => {
  it('asks a new 低保 application for the written application, declaration and authorisation', () => {
    expect(ids(dibaoNew())).toEqual(
      expect.arrayContaining<MaterialId>([
        'written_application',
        'household_identity_documents',
        'economic_check_authorisation',
        'income_assets_declaration',
        'truthfulness_commitment',
      ]),
    );
  });

  describe('人户分离', () => {
    it('adds proof of the actual residence, saying why', () => {
      const plain = ids(dibaoNew());
      const split = checklistFor(dibaoNew(['residence_split']));
      expect(plain).not.toContain('actual_residence_proof');
      expect(split.items.map((i) => i.id)).toEqual([...plain, 'actual_residence_proof']);
      expect(split.items.find((i) => i.id === 'actual_residence_proof')).toMatchObject({
        because: ['residence_split'],
        basis: 'common_practice',
      });
    });

    it('applies to every program', () => {
      for (const application of [
        { program: 'tekun', businessType: 'new', circumstances: ['residence_split'] },
        {
          program: 'linshi',
          businessType: 'new',
          temporaryAidKind: 'expenditure',
          circumstances: ['residence_split'],
        },
      ] as const) {
        expect(ids(application)).toContain('actual_residence_proof');
      }
    });
  });

  describe('entrusted submission by the village committee', () => {
    it('adds the entrustment letter, citing 六(一), and the identity of the entrusted party', () => {
      const plain = ids(dibaoNew());
      const entrusted = checklistFor(dibaoNew(['entrusted_submission']));
      expect(plain).not.toContain('entrustment_letter');
      expect(entrusted.items.map((i) => i.id)).toEqual([
        ...plain,
        'entrustment_letter',
        'entrusted_party_identity',
      ]);
      const letter = entrusted.items.find((i) => i.id === 'entrustment_letter');
      expect(letter).toMatchObject({ basis: 'cited', because: ['entrusted_submission'] });
      expect(letter?.sources).toContainEqual(
        expect.objectContaining({ document: 'shulan_2023_9', clause: '六(一)' }),
      );
    });
  });

  it('adds the near-relative filing form to a 低保 application (六(一))', () => {
    const items = checklistFor(dibaoNew(['near_relative'])).items;
    expect(items.find((i) => i.id === 'near_relative_filing_form')).toMatchObject({
      name: '吉林省申请低保经办人员和村(居)民委员会成员近亲属低保备案表',
      basis: 'cited',
    });
    expect(ids(dibaoNew())).not.toContain('near_relative_filing_form');
  });

  it.each<[Circumstance, MaterialId]>([
    ['disability', 'disability_certificate'],
    ['serious_illness', 'serious_illness_diagnosis'],
    ['adult_student', 'student_enrolment_proof'],
    ['guardian_acts', 'guardianship_proof'],
    ['divorce_or_custody', 'family_relationship_ruling'],
    ['employment_income', 'employment_income_proof'],
  ])('adds for %s: %s', (circumstance, material) => {
    expect(ids(dibaoNew())).not.toContain(material);
    expect(ids(dibaoNew([circumstance]))).toContain(material);
  });

  it('asks a new 特困 application for what 特困人员认定办法 第10条 lists, obligors included when there are any', () => {
    const tekun = (circumstances: Circumstance[]): MaterialsApplication => ({
      program: 'tekun',
      businessType: 'new',
      circumstances,
    });
    expect(ids(tekun([]))).toEqual(
      expect.arrayContaining<MaterialId>([
        'applicant_identity_document',
        'tekun_circumstances_statement',
        'truthfulness_commitment',
        'economic_check_authorisation',
      ]),
    );
    expect(ids(tekun([]))).not.toContain('obligor_check_authorisation');
    expect(ids(tekun(['has_legal_obligors', 'disability']))).toEqual(
      expect.arrayContaining<MaterialId>(['obligor_check_authorisation', 'disability_certificate']),
    );
  });

  it('lets 急难型 proof follow the aid, and asks 支出型 for receipts of the spending that caused it', () => {
    const emergency = checklistFor({
      program: 'linshi',
      businessType: 'new',
      temporaryAidKind: 'emergency',
      circumstances: [],
    });
    expect(emergency.items.find((i) => i.id === 'hardship_event_proof')).toMatchObject({
      mayFollowAfterAid: true,
    });
    expect(emergency.items.find((i) => i.id === 'written_application')).toMatchObject({
      mayFollowAfterAid: false,
    });
    const expenditure: MaterialsApplication = {
      program: 'linshi',
      businessType: 'new',
      temporaryAidKind: 'expenditure',
      circumstances: ['medical_expense'],
    };
    expect(ids(expenditure)).toContain('medical_expense_receipts');
    expect(ids(expenditure)).not.toContain('hardship_event_proof');
    expect(ids(expenditure)).not.toContain('education_expense_receipts');
  });

  it.each<[MaterialsApplication, MaterialId]>([
    [{ program: 'dibao', businessType: 'adjust', circumstances: [] }, 'dibao_change_statement'],
    [{ program: 'dibao', businessType: 'stop', circumstances: [] }, 'dibao_stop_evidence'],
    [{ program: 'tekun', businessType: 'terminate', circumstances: [] }, 'tekun_termination_evidence'],
    [{ program: 'tekun', businessType: 'care_mode_change', circumstances: [] }, 'care_mode_change_request'],
    [
      { program: 'tekun', businessType: 'self_care_reassessment', circumstances: [] },
      'self_care_change_report',
    ],
  ])('asks %o for %s, and not for a new application form', (application, material) => {
    expect(ids(application)).toContain(material);
    expect(ids(application)).not.toContain('written_application');
  });

  it('reports circumstances that add nothing for the program', () => {
    expect(checklistFor(dibaoNew(['medical_expense', 'disability'])).unusedCircumstances).toEqual([
      'medical_expense',
    ]);
  });

  it('stamps the catalogue version', () => {
    expect(checklistFor(dibaoNew()).catalogueVersion).toMatch(/^materials-/);
  });
});

describe('missingMaterials', () => {
  it('returns the checklist items not provided, in checklist order, ignoring unknown ids', () => {
    const checklist = checklistFor(dibaoNew(['residence_split']));
    const provided = checklist.items.map((i) => i.id).filter((id) => id !== 'written_application');
    expect(missingMaterials(checklist, provided).map((i) => i.id)).toEqual(['written_application']);
    expect(missingMaterials(checklist, [...provided, 'written_application'])).toEqual([]);
    expect(missingMaterials(checklist, []).map((i) => i.id)).toEqual(checklist.items.map((i) => i.id));
  });
});
