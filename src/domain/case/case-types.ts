/**
 * The case model of the delegated procedure (舒政办发〔2023〕9号). Pure types: the database schema
 * mirrors them, handlers and services use them, nothing here does I/O.
 */

/** 三 下放清单: the three delegated programs. */
export type Program = 'dibao' | 'tekun' | 'linshi';

/** 临时救助 kinds, 三(四): 急难型 (sudden hardship) and 支出型 (unbearable necessary spending). */
export type TemporaryAidKind = 'emergency' | 'expenditure';

/** 三: business types delegated per program. */
export const BUSINESS_TYPES = {
  dibao: ['new', 'adjust', 'stop'],
  tekun: ['new', 'terminate', 'care_mode_change', 'self_care_reassessment'],
  linshi: ['new'],
} as const satisfies Record<Program, readonly string[]>;

export type BusinessType<P extends Program = Program> = (typeof BUSINESS_TYPES)[P][number];

/** 四: who acts in the procedure. The bureau supervises; townships decide. */
export type Role =
  /** The applicant, applying for themself in chat (六(一): the application is the resident's own). */
  | 'resident'
  | 'village_committee'
  | 'township_caseworker'
  | 'coordination_member'
  | 'bureau_supervisor'
  | 'admin';

/** A person acting on a case; `township` is the tenant whose cases they may touch. */
export interface Actor {
  id: string;
  role: Role;
  township: string | undefined;
}

/** 六(一): who submitted — the resident, or the village committee when entrusted (受委托代为提交). */
export type SubmittedBy = 'self' | 'village_committee';

/** Facts about a case the guards need; the workflow never reads the database itself. */
export interface CaseFacts {
  id: string;
  program: Program;
  businessType: string;
  temporaryAidKind: TemporaryAidKind | undefined;
  /** 六(一): the township of 户籍, which accepts, decides and keeps the archive. */
  township: string;
  /** 人户分离: the township where the household actually lives, when different. */
  residenceTownship: string | undefined;
  householdSize: number;
  submittedBy: SubmittedBy;
  /** 六(一): applicant declared, or a check detected, a near relative among caseworkers/committee members. */
  nearRelative: { declared: boolean; detected: boolean; filed: boolean };
  /** Jilin rule: HIV cases never enter township publicity, appraisal or group messages. */
  hivTagged: boolean;
  /** What the meeting (or review) decided, once it has: decides where filing leads. */
  outcome: 'approved' | 'rejected' | 'adjusted' | 'stopped' | undefined;
}
