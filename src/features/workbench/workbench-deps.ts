import type { EffectRunner, StepRules } from '../../core/cases/case-steps';
import type { Clock } from '../../core/clock/clock';
import type { Township } from '../../core/config/load-townships';
import type { PiiCipher } from '../../core/crypto/pii-cipher';
import type { Db } from '../../core/db/database';
import type { TemplateStore } from '../../core/templates/template-store';
import type { OAuthVisitor } from '../../core/wecom/api/oauth-schemas';
import type { WorkingDayCalendar } from '../../domain/calendar';
import type { ParameterLookup } from '../../domain/parameters/parameter-lookup';
import type { PageRenderer } from './page-renderer';
import type { WorkbenchConfig } from './workbench-settings';

/** What the workbench's pages stand on: the same database, rules and services as the chat. */
export interface WorkbenchDeps {
  db: Db;
  cipher: PiiCipher;
  templates: TemplateStore;
  pages: PageRenderer;
  calendar: WorkingDayCalendar;
  townships: readonly Township[];
  steps: { rules: StepRules; effects: EffectRunner };
  /** Local policy parameters (the 低保 standards a review's amount is shown against). */
  parameters: ParameterLookup;
  now: Clock;
  /** Where residents' files are kept (`<dataDir>/files/…`). */
  dataDir: string;
  /** auth/getuserinfo: who an OAuth code belongs to (throws WecomApiError 40029 for a bad code). */
  identify(code: string): Promise<OAuthVisitor>;
  /** Wakes the outbox dispatcher after a step queued notices. */
  onOutbox(): void;
  config: WorkbenchConfig;
}
