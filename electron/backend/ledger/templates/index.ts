import { ASSISTANCE, BULLETINS, CLUES, EXAMS, OPINIONS, PRACTICAL, STUBBORN, STUDY } from './campaign-templates';
import { PARTY_TEMPLATES } from './party-templates';
import type { LedgerTemplate } from './template-types';

export { choicesOf, type LedgerTemplate, type TemplateField } from './template-types';

/** Every built-in template, in the order the "new category" menu shows them. */
export const TEMPLATES: readonly LedgerTemplate[] = [OPINIONS, PRACTICAL, STUDY, EXAMS, CLUES, STUBBORN, ASSISTANCE, ...PARTY_TEMPLATES, BULLETINS];

export const templateByKey = (key: string): LedgerTemplate | undefined => TEMPLATES.find((t) => t.key === key);
