import { z } from 'zod';
import { isLocalDate } from '../../domain/calendar/local-date';
import { MATERIALS } from '../../domain/materials/catalogue-items';
import type { MaterialId } from '../../domain/materials/material-types';
import { DOCUMENT_KINDS } from './document-kinds';

/**
 * What the documents engine is given: plain models of a case as its record holds it (the `cases`
 * row, its `case_members`, the sealed application, the audited steps and the meeting), already
 * opened and loaded by the caller. These schemas are the boundary: the wiring parses what it
 * built from the database with them, so a missing fact fails loudly here, not as a blank on paper.
 */

const localDate = z.string().refine((s): boolean => isLocalDate(s), 'a date YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM');
const fen = z.number().int();
const text = z.string().trim().min(1);
/** PDF or image bytes (a Buffer is a Uint8Array too). */
const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes');

/** 乡镇/街道/开发区 of config/townships.json: the issuer of every document is “name + kind”. */
export const townshipSchema = z.object({
  name: text,
  kind: z.enum(['town', 'subdistrict', 'development_zone']),
  /** The township's supervision phone, printed on the 公示. */
  supervisionPhone: z.string().optional(),
  /** The 民政办 phone applicants call with questions. */
  officePhone: z.string().optional(),
});

/** A household member (家庭成员) other than the applicant, as `case_members` holds them. */
export const memberSchema = z.object({
  name: text,
  /** Relation to the applicant as declared (配偶, 儿子, …). */
  relation: text,
  idNumber: z.string().optional(),
  /** Whether they are an adult with full capacity: each such member signs the 申请书 and 授权书. */
  adult: z.boolean(),
  health: z.string().optional(),
  work: z.string().optional(),
});

export const incomeItemSchema = z.object({ label: text, monthlyFen: fen.nonnegative() });

export const assetsSchema = z.object({
  savingsFen: fen.nonnegative().optional(),
  hasVehicle: z.boolean().optional(),
  housingUnits: z.number().int().nonnegative().optional(),
  other: z.array(text).default([]),
});

/** One entry of the near-relative declaration (六(一), 民发〔2021〕57号第十一条). */
export const nearRelativeSchema = z.object({
  memberName: text,
  relativeName: text,
  relativeRole: z.enum(['caseworker', 'village_committee']),
  /** Unit and position of the relative (e.g. 平安镇民政办经办人员). */
  relativeUnit: text,
  kinship: text,
});

export const staffRefSchema = z.object({ name: text, position: z.string().optional() });

const materialId = z
  .string()
  .refine((id): id is MaterialId => Object.hasOwn(MATERIALS, id), 'a material of the catalogue');

/** 民主评议 (六(二)): held with its participants, or skipped with the recorded reason. */
export const appraisalSchema = z.discriminatedUnion('held', [
  z.object({
    held: z.literal(true),
    heldOn: localDate,
    place: text,
    host: z.string().optional(),
    recorder: z.string().optional(),
    participants: z.array(z.object({ name: text, identity: text })).min(1),
    introduction: z.string().default(''),
    opinions: z.string().default(''),
    conclusion: z.string().default(''),
  }),
  z.object({ held: z.literal(false), decidedOn: localDate, skipReason: text }),
]);

/** The decision the meeting (or review) reached, as the audited decision event carries it. */
export const decisionSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('approve'),
    decidedOn: localDate,
    /** Monthly for 低保/特困; the one-time total for 临时救助. */
    amountFen: fen.positive(),
    startMonth: month,
    householdSize: z.number().int().positive(),
  }),
  z.object({
    type: z.literal('adjust'),
    decidedOn: localDate,
    amountFen: fen.positive(),
    previousAmountFen: fen.positive().optional(),
    startMonth: month,
    householdSize: z.number().int().positive(),
    reasons: z.array(text).min(1),
  }),
  z.object({
    type: z.literal('stop'),
    decidedOn: localDate,
    lastMonth: month,
    reasons: z.array(text).min(1),
  }),
  z.object({ type: z.literal('reject'), decidedOn: localDate, reasons: z.array(text).min(1) }),
]);

export const meetingAttendeeSchema = z.object({
  name: text,
  position: z.string().default(''),
  role: z.enum(['coordination_member', 'township_caseworker', 'discipline', 'village_representative']),
});

/** One case the meeting decided (HIV-tagged cases never reach a township meeting). */
export const meetingItemSchema = z.object({
  caseId: text,
  applicantName: text,
  program: z.enum(['dibao', 'tekun', 'linshi']),
  householdSize: z.number().int().positive(),
  decision: decisionSchema.optional(),
});

/** 评审合议会 (六(三)): who attended, in what role, and what was decided for each case. */
export const meetingSchema = z.object({
  heldOn: localDate,
  place: text,
  host: text,
  recorder: text,
  attendees: z.array(meetingAttendeeSchema),
  items: z.array(meetingItemSchema).min(1),
});

/** 临时救助 specifics (三(四), 六(五)). */
export const temporaryAidSchema = z.object({
  incident: text,
  occurredOn: localDate.optional(),
  emergencyProcedure: z.boolean().default(false),
  villageOpinion: z.string().default(''),
  caseworkerOpinion: z.string().default(''),
});

/** A case as its record holds it, with whatever steps it has reached. */
export const documentCaseSchema = z.object({
  caseId: text,
  program: z.enum(['dibao', 'tekun', 'linshi']),
  businessType: text,
  temporaryAidKind: z.enum(['emergency', 'expenditure']).optional(),
  /** 户籍 township: accepts, decides, issues (六(一)). */
  township: townshipSchema,
  /** 人户分离: the township where the household lives, when different. */
  residenceTownshipName: z.string().optional(),
  village: text,
  address: z.string().default(''),
  submittedBy: z.enum(['self', 'village_committee']),
  submittedOn: localDate,
  applicant: z.object({
    name: text,
    idNumber: text,
    phone: z.string().optional(),
    health: z.string().optional(),
    work: z.string().optional(),
  }),
  members: z.array(memberSchema).default([]),
  householdSize: z.number().int().positive(),
  incomeItems: z.array(incomeItemSchema).default([]),
  assets: assetsSchema.default({ other: [] }),
  reason: z.string().default(''),
  /** 临时救助: the sum the resident asked for, when they named one. */
  requestedFen: fen.positive().optional(),
  /** Jilin rule: HIV cases never enter township appraisal, publicity or meetings. */
  hivTagged: z.boolean().default(false),
  nearRelatives: z.array(nearRelativeSchema).default([]),
  /** A near relative was declared (or found) without the details: the form prints blank rows to fill in. */
  nearRelativeDeclared: z.boolean().default(false),
  nearRelativeRegisteredOn: localDate.optional(),
  caseworker: staffRefSchema.optional(),
  materialsRequest: z.object({ requestedOn: localDate, items: z.array(materialId).min(1) }).optional(),
  acceptance: z.object({ acceptedOn: localDate, decisionDueOn: localDate.optional() }).optional(),
  homeVisit: z
    .object({
      visitedOn: localDate.optional(),
      investigators: z.array(staffRefSchema).default([]),
      familyPresent: z.array(text).default([]),
      findings: z.string().default(''),
    })
    .optional(),
  appraisal: appraisalSchema.optional(),
  publicity: z
    .object({
      startsOn: localDate,
      endsOn: localDate,
      days: z.number().int().positive(),
      /** The amount proposed, when the township publishes one (民发〔2021〕57号第二十四条). */
      amountFen: fen.positive().optional(),
      objectionPlace: z.string().optional(),
    })
    .optional(),
  meeting: meetingSchema.optional(),
  decision: decisionSchema.optional(),
  temporaryAid: temporaryAidSchema.optional(),
});

/** When and for whom a document is issued; the clock is the caller's. */
export const issueSchema = z.object({
  issuedOn: localDate,
  generatedAt: z.date(),
});

export type Township = z.infer<typeof townshipSchema>;
export type HouseholdMember = z.infer<typeof memberSchema>;
export type Decision = z.infer<typeof decisionSchema>;
export type Appraisal = z.infer<typeof appraisalSchema>;
export type Meeting = z.infer<typeof meetingSchema>;
export type MeetingAttendee = z.infer<typeof meetingAttendeeSchema>;
export type DocumentCase = z.infer<typeof documentCaseSchema>;
/** What the caller may pass: defaults (empty lists, blank text) filled in by parsing. */
export type DocumentCaseInput = z.input<typeof documentCaseSchema>;
export type Issue = z.infer<typeof issueSchema>;

/** JPEG (FF D8 FF) or PNG (89 50 4E 47): the only images placed on archive pages. */
export function imageKind(bytes: Uint8Array): 'jpeg' | 'png' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'png';
  return undefined;
}

/** A photo the resident or staff sent (resident_files): a material, or the signed copy of a document. */
export const archivePhotoSchema = z.object({
  /** What it is: the material's name, or a caption. */
  label: text,
  source: z.enum(['resident', 'staff']),
  receivedOn: localDate,
  bytes: bytes.refine((b) => imageKind(b) !== undefined, 'JPEG or PNG bytes'),
  /** The document this is the signed (or posted) copy of. */
  signedCopyOf: z.enum(DOCUMENT_KINDS).optional(),
});

/** 一户一档 (八): the case, the photos kept with it, and the day it is archived. */
export const caseArchiveSchema = z.object({
  kase: documentCaseSchema,
  photos: z.array(archivePhotoSchema).default([]),
  archivedOn: localDate,
  generatedAt: z.date(),
});

/** 六(三): the month's 月报表 with the month's archives, filed with the bureau. */
export const monthlyBundleSchema = z.object({
  township: townshipSchema,
  month,
  preparedOn: localDate,
  generatedAt: z.date(),
  /** A 月报表 already made as a PDF (placed first); the summary page follows it either way. */
  report: bytes.optional(),
  archives: z.array(caseArchiveSchema),
});

export type ArchivePhoto = z.infer<typeof archivePhotoSchema>;
export type CaseArchive = z.infer<typeof caseArchiveSchema>;
export type CaseArchiveInput = z.input<typeof caseArchiveSchema>;
export type MonthlyBundleInput = z.input<typeof monthlyBundleSchema>;
