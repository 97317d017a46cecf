import type { WorkingDayCalendar } from '../../domain/calendar';
import type { ParameterLookup } from '../../domain/parameters/parameter-lookup';
import type { KnowledgeBase } from '../../features/knowledge/knowledge-base';
import type { PassageSelector } from '../../features/knowledge/llm-selector';
import type { EffectRunner, StepRules } from '../cases/case-steps';
import type { Township } from '../config/load-townships';
import type { PiiCipher } from '../crypto/pii-cipher';
import type { TemplateStore } from '../templates/template-store';

/** What the handlers need from the services. */
export interface HandlerDeps {
  knowledge: KnowledgeBase;
  /** Chooses among retrieved passages or says none (LLM_BASE_URL); absent: retrieval alone. */
  selector?: PassageSelector;
  templates: TemplateStore;
  /** Seals ID numbers and phones in drafts and cases. */
  cipher: PiiCipher;
  townships: readonly Township[];
  parameters: ParameterLookup;
  calendar: WorkingDayCalendar;
  /** How case steps are judged (rule values) and what they set off (timers, notices). */
  steps: { rules: StepRules; effects: EffectRunner };
}
