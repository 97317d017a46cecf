import type { WorkingDayCalendar } from '../../domain/calendar';
import type { ParameterLookup } from '../../domain/parameters/parameter-lookup';
import type { EffectRunner, StepRules } from '../cases/case-steps';
import type { Township } from '../config/load-townships';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { TemplateStore } from '../templates/template-store';

/** What every feature's handlers need from the core; a feature adds its own (e.g. ResidentChatDeps). */
export interface HandlerDeps {
  templates: TemplateStore;
  /** Seals ID numbers and phones in drafts and cases. */
  cipher: PiiCipher;
  townships: readonly Township[];
  parameters: ParameterLookup;
  calendar: WorkingDayCalendar;
  /** DATA_DIR: where residents' files and generated documents are kept. */
  dataDir: string;
  /** How case steps are judged (rule values) and what they set off (timers, notices). */
  steps: { rules: StepRules; effects: EffectRunner };
}
