import { BUSINESS_TYPES, type Program } from '../../../src/domain/case/case-types';
import { MATERIALS } from '../../../src/domain/materials/catalogue-items';
import { SOURCE_DOCUMENTS } from '../../../src/domain/materials/catalogue-sources';
import {
  CHECKLIST_RULES,
  checklistFor,
  type MaterialsApplication,
} from '../../../src/domain/materials/checklist';
import { CIRCUMSTANCES } from '../../../src/domain/materials/material-types';

const everyApplication = (): MaterialsApplication[] =>
  (Object.keys(BUSINESS_TYPES) as Program[]).flatMap((program): MaterialsApplication[] => {
    if (program === 'linshi') {
      return (['emergency', 'expenditure'] as const).map((temporaryAidKind) => ({
        program,
        businessType: 'new',
        temporaryAidKind,
        circumstances: [],
      }));
    }
    return BUSINESS_TYPES[program].map(
      (businessType) => ({ program, businessType, circumstances: [] }) as MaterialsApplication,
    );
  });

describe('materials catalogue (data)', () => {
  it('gives every material a Chinese name and purpose', () => {
    for (const spec of Object.values(MATERIALS)) {
      expect(spec.name).toMatch(/[\u4e00-\u9fff]/);
      expect(spec.purpose).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses every material in some rule', () => {
    const used = new Set(CHECKLIST_RULES.map((r) => r.material));
    expect(Object.keys(MATERIALS).filter((id) => !used.has(id as keyof typeof MATERIALS))).toEqual([]);
  });

  it('gives every rule at least one source, cited documents with a clause, common practice with a note', () => {
    for (const rule of CHECKLIST_RULES) {
      expect(rule.sources.length).toBeGreaterThan(0);
      for (const source of rule.sources) {
        expect(SOURCE_DOCUMENTS[source.document]).toBeDefined();
        if (source.document === 'common_practice') expect(source.note).toBeTruthy();
        else expect(source.clause).toBeTruthy();
      }
    }
  });

  it('uses every circumstance in some rule', () => {
    const used = new Set(CHECKLIST_RULES.map((r) => r.when.circumstance));
    expect(CIRCUMSTANCES.filter((c) => !used.has(c))).toEqual([]);
  });

  it.each(everyApplication().map((a) => [a.program, a.businessType, a]))(
    'has a non-empty checklist for %s / %s',
    (_program, _type, application) => {
      expect(checklistFor(application as MaterialsApplication).items.length).toBeGreaterThan(0);
    },
  );
});
