import { type Checklist, type ChecklistItem, missingMaterials } from './checklist';
import type { MaterialId } from './material-types';

/**
 * 六(一) 一次性告知: when materials are incomplete the township tells the applicant, at once, all
 * the materials still needed (“应当一次性告知申请人或代理人补齐所有规定材料”; also 民发〔2021〕57号
 * 第10条, 特困人员认定办法 第12条). A later request may not add what the first notice could have
 * named: it may repeat items of the first notice, and ask for something new only when the
 * caseworker has recorded, after the first notice, a new fact that makes the material necessary.
 */

/** The first notice of missing materials, as issued. */
export interface OneTimeNotice {
  issuedAt: Date;
  catalogueVersion: string;
  items: readonly MaterialId[];
}

/**
 * The notice for an incomplete application: every missing item of the checklist, none left for
 * later. `undefined` when nothing is missing, i.e. the application can be accepted.
 */
export function composeOneTimeNotice(
  checklist: Checklist,
  provided: Iterable<MaterialId>,
  issuedAt: Date,
): OneTimeNotice | undefined {
  const missing: ChecklistItem[] = missingMaterials(checklist, provided);
  if (missing.length === 0) return undefined;
  return { issuedAt, catalogueVersion: checklist.catalogueVersion, items: missing.map((m) => m.id) };
}

/** A fact the caseworker recorded on the case, naming the materials it makes necessary. */
export interface RecordedNewFact {
  id: string;
  recordedAt: Date;
  /** What happened, as the caseworker wrote it. */
  description: string;
  requires: readonly MaterialId[];
}

/** A later request for materials, after the first notice. */
export interface FollowUpRequest {
  requestedAt: Date;
  items: readonly MaterialId[];
}

/**
 * Why an item may not be asked for: it was not in the first notice and no fact explains it; the
 * only facts naming it were recorded before the first notice (so the first notice should have
 * named it); or they were recorded after this request (so they did not cause it).
 */
export interface FollowUpOffence {
  material: MaterialId;
  reason: 'not_in_first_notice' | 'fact_known_before_first_notice' | 'fact_recorded_after_request';
  factIds: readonly string[];
}

export type FollowUpVerdict =
  | { ok: true; repeated: MaterialId[]; justified: { material: MaterialId; factId: string }[] }
  | { ok: false; code: 'materials_beyond_first_notice'; offending: FollowUpOffence[] }
  | { ok: false; code: 'empty_request' | 'request_before_first_notice' };

/**
 * 六(一): checks a later request against the first notice. Ok only if every item repeats the first
 * notice or is justified by a new fact recorded after the first notice and no later than the
 * request; each justified item names its fact. Otherwise refuses, listing every offending item.
 */
export function validateFollowUpRequest(
  firstNotice: OneTimeNotice,
  laterRequest: FollowUpRequest,
  recordedNewFacts: readonly RecordedNewFact[],
): FollowUpVerdict {
  if (laterRequest.items.length === 0) return { ok: false, code: 'empty_request' };
  const issued = firstNotice.issuedAt.getTime();
  const requested = laterRequest.requestedAt.getTime();
  if (requested < issued) return { ok: false, code: 'request_before_first_notice' };

  const repeated: MaterialId[] = [];
  const justified: { material: MaterialId; factId: string }[] = [];
  const offending: FollowUpOffence[] = [];
  for (const material of new Set(laterRequest.items)) {
    if (firstNotice.items.includes(material)) {
      repeated.push(material);
      continue;
    }
    const naming = recordedNewFacts.filter((f) => f.requires.includes(material));
    const cause = naming.find((f) => f.recordedAt.getTime() > issued && f.recordedAt.getTime() <= requested);
    if (cause) {
      justified.push({ material, factId: cause.id });
      continue;
    }
    const factIds = naming.map((f) => f.id);
    const reason =
      naming.length === 0
        ? 'not_in_first_notice'
        : naming.some((f) => f.recordedAt.getTime() <= issued)
          ? 'fact_known_before_first_notice'
          : 'fact_recorded_after_request';
    offending.push({ material, reason, factIds });
  }
  if (offending.length > 0) return { ok: false, code: 'materials_beyond_first_notice', offending };
  return { ok: true, repeated, justified };
}
