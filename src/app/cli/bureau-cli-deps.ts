import fs from 'node:fs';
import path from 'node:path';
import { timerEffects } from '../../core/cases/case-effects';
import { createStepRules } from '../../core/cases/step-rules';
import type { EnvConfig } from '../../core/config/load-config';
import { loadWorkingDayCalendar } from '../../core/config/load-holiday-overrides';
import { loadParameters } from '../../core/config/load-parameters';
import { PiiCipher } from '../../core/crypto/pii-cipher';
import { projectRoot } from '../../core/project-root';
import { TemplateStore } from '../../core/templates/template-store';
import { DEFAULT_DEADLINE_RULES } from '../../domain/deadlines';
import type { BureauCliDeps } from '../../features/bureau/bureau-cli';
import { loadOrCreateSandboxCredentials, sandboxCredentialsPath } from '../../sandbox/sandbox-credentials';

/**
 * The bureau commands' dependencies from the configuration, as the service builds them: the PII
 * key (PII_ENCRYPTION_KEY, or in sandbox mode the one the sandbox keeps in DATA_DIR, if it has
 * run), templates, and the rules and timer effects a workflow step is taken with.
 */
export function createBureauCliDeps(config: EnvConfig): BureauCliDeps {
  const calendar = loadWorkingDayCalendar(path.join(projectRoot(), 'config', 'holidays'));
  const sandboxKey =
    config.mode === 'sandbox' && fs.existsSync(sandboxCredentialsPath(config.dataDir))
      ? loadOrCreateSandboxCredentials(config.dataDir).piiKey
      : undefined;
  const key = config.piiKey ?? sandboxKey;
  return {
    cipher: key ? new PiiCipher(key, config.previousPiiKeys) : undefined,
    dataDir: config.dataDir,
    templates: new TemplateStore(),
    rules: createStepRules(calendar, DEFAULT_DEADLINE_RULES, loadParameters()),
    effects: timerEffects(calendar, DEFAULT_DEADLINE_RULES),
  };
}
