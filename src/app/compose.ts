/**
 * The one place the product's parts are built: the policy configuration (calendar, parameters,
 * townships), the templates, the PII cipher, the rules a case step is judged by and the effects it
 * sets off, and the knowledge base. `npm start`, every CLI and the test harness take them from
 * here, so a step taken from the bureau CLI has the same timers and notices as one taken in chat.
 */
import fs from 'node:fs';
import path from 'node:path';
import { bureauEffects } from '../core/cases/bureau-effects';
import { timerEffects } from '../core/cases/case-effects';
import { composeEffects, noticeEffects } from '../core/cases/case-notices';
import type { EffectRunner, StepRules } from '../core/cases/case-steps';
import { createStepRules } from '../core/cases/step-rules';
import type { Clock } from '../core/clock/clock';
import { systemClock } from '../core/clock/clock';
import type { EnvConfig } from '../core/config/load-config';
import { loadWorkingDayCalendar } from '../core/config/load-holiday-overrides';
import { loadParameters } from '../core/config/load-parameters';
import { loadTownships, type Township } from '../core/config/load-townships';
import { PiiCipher } from '../core/crypto/pii-cipher';
import { projectRoot } from '../core/project-root';
import { TemplateStore } from '../core/templates/template-store';
import type { WorkingDayCalendar } from '../domain/calendar';
import { DEFAULT_DEADLINE_RULES } from '../domain/deadlines';
import type { ParameterTable } from '../domain/parameters/parameter-file';
import { lookupIn, type ParameterLookup } from '../domain/parameters/parameter-lookup';
import { createJiebaTokenizer } from '../features/knowledge/jieba-tokenizer';
import { KnowledgeBase } from '../features/knowledge/knowledge-base';
import { loadKnowledge } from '../features/knowledge/load-knowledge';
import { loadOrCreateSandboxCredentials, sandboxCredentialsPath } from '../sandbox/sandbox-credentials';

/** What the casework needs, built once per process. */
export interface Composition {
  clock: Clock;
  calendar: WorkingDayCalendar;
  parameterTable: ParameterTable;
  parameters: ParameterLookup;
  townships: readonly Township[];
  templates: TemplateStore;
  /** How case steps are judged (rule values) and what they set off (timers, notices, the bureau). */
  steps: { rules: StepRules; effects: EffectRunner };
}

/** Parts a caller already has (tests bring their own clock and calendar); the rest is loaded. */
export interface CompositionOverrides {
  clock?: Clock;
  calendar?: WorkingDayCalendar;
  parameters?: ParameterTable;
  townships?: readonly Township[];
  templates?: TemplateStore;
}

/**
 * Loads and checks the policy configuration (a bad file throws, so start-up stops) and builds the
 * rules and effects from it.
 */
export function compose(overrides: CompositionOverrides = {}): Composition {
  const calendar =
    overrides.calendar ?? loadWorkingDayCalendar(path.join(projectRoot(), 'config', 'holidays'));
  const parameterTable = overrides.parameters ?? loadParameters();
  const townships = overrides.townships ?? loadTownships();
  const templates = overrides.templates ?? new TemplateStore();
  return {
    clock: overrides.clock ?? systemClock,
    calendar,
    parameterTable,
    parameters: lookupIn(parameterTable),
    townships,
    templates,
    steps: {
      rules: createStepRules(calendar, DEFAULT_DEADLINE_RULES, parameterTable),
      effects: composeEffects(
        timerEffects(calendar, DEFAULT_DEADLINE_RULES),
        noticeEffects(templates, townships),
        bureauEffects(templates, townships),
      ),
    },
  };
}

/**
 * The PII cipher from the configuration: PII_ENCRYPTION_KEY, or in sandbox mode the key the
 * sandbox keeps in DATA_DIR (if it has run). Undefined when neither exists.
 */
export function composeCipher(config: EnvConfig): PiiCipher | undefined {
  const sandboxKey =
    config.mode === 'sandbox' && fs.existsSync(sandboxCredentialsPath(config.dataDir))
      ? loadOrCreateSandboxCredentials(config.dataDir).piiKey
      : undefined;
  const key = config.piiKey ?? sandboxKey;
  return key ? new PiiCipher(key, config.previousPiiKeys) : undefined;
}

let shipped: KnowledgeBase | undefined;

/**
 * The shipped knowledge base with jieba segmentation, built once per process (the files do not
 * change while it runs); a malformed passage stops start-up.
 */
export function shippedKnowledge(): KnowledgeBase {
  shipped ??= new KnowledgeBase(loadKnowledge(), createJiebaTokenizer());
  return shipped;
}
