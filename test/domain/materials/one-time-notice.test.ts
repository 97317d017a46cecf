import fc from 'fast-check';
import { MATERIALS } from '../../../src/domain/materials/catalogue-items';
import { checklistFor } from '../../../src/domain/materials/checklist';
import type { MaterialId } from '../../../src/domain/materials/material-types';
import {
  composeOneTimeNotice,
  type OneTimeNotice,
  type RecordedNewFact,
  validateFollowUpRequest,
} from '../../../src/domain/materials/one-time-notice';

const at = (iso: string) => new Date(`${iso}T10:00:00+08:00`);
const first: OneTimeNotice = {
  issuedAt: at('2026-03-02'),
  catalogueVersion: 'materials-test',
  items: ['written_application', 'economic_check_authorisation'],
};
const request = (items: MaterialId[], day = '2026-03-10') => ({ requestedAt: at(day), items });
const fact = (id: string, day: string, requires: MaterialId[]): RecordedNewFact => ({
  id,
  recordedAt: at(day),
  description: 'member became disabled after a traffic accident',
  requires,
});

describe('composeOneTimeNotice (六(一) 一次性告知)', () => {
  const checklist = checklistFor({
    program: 'dibao',
    businessType: 'new',
    circumstances: ['entrusted_submission'],
  });

  it('names every missing material at once', () => {
    const notice = composeOneTimeNotice(checklist, ['written_application'], at('2026-03-02'));
    expect(notice?.items).toEqual(
      checklist.items.map((i) => i.id).filter((id) => id !== 'written_application'),
    );
    expect(notice?.items).toContain('entrustment_letter');
    expect(notice?.catalogueVersion).toBe(checklist.catalogueVersion);
  });

  it('issues no notice when nothing is missing', () => {
    expect(
      composeOneTimeNotice(
        checklist,
        checklist.items.map((i) => i.id),
        at('2026-03-02'),
      ),
    ).toBeUndefined();
  });
});

describe('validateFollowUpRequest (六(一): a later request only repeats the first)', () => {
  it('allows repeating items of the first notice', () => {
    expect(validateFollowUpRequest(first, request(['economic_check_authorisation']), [])).toEqual({
      ok: true,
      repeated: ['economic_check_authorisation'],
      justified: [],
    });
  });

  it('refuses an item the first notice did not name', () => {
    expect(
      validateFollowUpRequest(first, request(['written_application', 'disability_certificate']), []),
    ).toEqual({
      ok: false,
      code: 'materials_beyond_first_notice',
      offending: [{ material: 'disability_certificate', reason: 'not_in_first_notice', factIds: [] }],
    });
  });

  it('allows a new item caused by a new fact recorded after the first notice, referencing the fact', () => {
    const facts = [fact('fact-7', '2026-03-05', ['disability_certificate'])];
    expect(validateFollowUpRequest(first, request(['disability_certificate']), facts)).toEqual({
      ok: true,
      repeated: [],
      justified: [{ material: 'disability_certificate', factId: 'fact-7' }],
    });
  });

  it('refuses when the fact was already known when the first notice was issued', () => {
    const facts = [fact('fact-1', '2026-02-27', ['disability_certificate'])];
    expect(validateFollowUpRequest(first, request(['disability_certificate']), facts)).toMatchObject({
      ok: false,
      offending: [
        { material: 'disability_certificate', reason: 'fact_known_before_first_notice', factIds: ['fact-1'] },
      ],
    });
  });

  it('refuses when the fact was recorded only after the request', () => {
    const facts = [fact('fact-9', '2026-03-20', ['disability_certificate'])];
    expect(validateFollowUpRequest(first, request(['disability_certificate']), facts)).toMatchObject({
      ok: false,
      offending: [{ reason: 'fact_recorded_after_request', factIds: ['fact-9'] }],
    });
  });

  it('refuses when the new fact does not name the item', () => {
    const facts = [fact('fact-7', '2026-03-05', ['serious_illness_diagnosis'])];
    expect(validateFollowUpRequest(first, request(['disability_certificate']), facts)).toMatchObject({
      ok: false,
      offending: [{ material: 'disability_certificate', reason: 'not_in_first_notice' }],
    });
  });

  it('lists every offending item, not just the first', () => {
    const result = validateFollowUpRequest(
      first,
      request(['disability_certificate', 'bank_account_details']),
      [],
    );
    expect(result).toMatchObject({
      ok: false,
      offending: [{ material: 'disability_certificate' }, { material: 'bank_account_details' }],
    });
  });

  it('refuses an empty request and one dated before the first notice', () => {
    expect(validateFollowUpRequest(first, request([]), [])).toEqual({ ok: false, code: 'empty_request' });
    expect(validateFollowUpRequest(first, request(['written_application'], '2026-03-01'), [])).toEqual({
      ok: false,
      code: 'request_before_first_notice',
    });
  });

  it('accepts any non-empty subset of the first notice, and refuses anything outside it without a fact (property)', () => {
    const all = Object.keys(MATERIALS) as MaterialId[];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom(...all), { minLength: 1, maxLength: 8 }),
        fc.uniqueArray(fc.constantFrom(...all), { minLength: 1, maxLength: 8 }),
        (firstItems, later) => {
          const notice = { ...first, items: firstItems };
          const outside = later.filter((m) => !firstItems.includes(m));
          const result = validateFollowUpRequest(notice, request(later), []);
          expect(result.ok).toBe(outside.length === 0);
          if (!result.ok && result.code === 'materials_beyond_first_notice') {
            expect(result.offending.map((o) => o.material)).toEqual(outside);
          }
        },
      ),
    );
  });
});
