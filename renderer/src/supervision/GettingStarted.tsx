import { useEffect, useState } from 'react';
import type { LedgerTemplateInfo } from '../../../shared/domain/ledger';
import { api, errorMessage } from '../api';
import { useStatus } from '../common/status';
import type { LedgerCategory } from '../../../shared/domain/ledger';
import { categoriesChanged } from '../ledger/ledger-store';
import { useSupervisionNav } from './nav';

/** The categories, and whether they have been read yet. */
function useLoadedCategories(): { categories: LedgerCategory[]; loaded: boolean } {
  const [categories, setCategories] = useState<LedgerCategory[] | null>(null);
  useEffect(() => void api.ledger.categories({}).then(setCategories, () => setCategories([])), []);
  return { categories: categories ?? [], loaded: categories !== null };
}

/** The ledgers a campaign office usually starts with (their template keys), offered first on a blank file. */
const FIRST_TEMPLATES = ['opinions', 'practical', 'study', 'exams'];

/**
 * What the empty board says, fitting the file: with an opinions ledger, how tasks are made
 * from it; with no ledger at all, the templates to start from, one click each.
 */
export function GettingStarted() {
  const { categories, loaded } = useLoadedCategories();
  const { openRecord } = useSupervisionNav();
  const { notify } = useStatus();
  const [templates, setTemplates] = useState<LedgerTemplateInfo[]>([]);
  useEffect(() => void api.ledger.templates({}).then(setTemplates, () => {}), []);
  const opinions = categories.find((c) => c.templateKey === 'opinions' && !c.archived);

  const create = async (t: LedgerTemplateInfo) => {
    try {
      const c = await api.ledger.createCategory({ templateKey: t.key });
      categoriesChanged();
      notify(`已新建台账“${c.name}”`, 'success');
      openRecord(c.id);
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  // until the ledgers are read, say only what is sure (no flash of “no ledgers” on a full file)
  if (!loaded) return <span data-testid="getting-started">还没有督办任务。</span>;
  if (categories.length > 0) {
    return (
      <span data-testid="getting-started">
        还没有督办任务。可在“督办任务”中新建
        {opinions ? `，或在“${opinions.name}”中选中一条意见，点“转为督办任务”` : ''}。
      </span>
    );
  }
  const first = FIRST_TEMPLATES.map((k) => templates.find((t) => t.key === k)).filter((t): t is LedgerTemplateInfo => t !== undefined);
  return (
    <div className="getting-started" data-testid="getting-started">
      <p>还没有督办任务，也还没有台账。可以先在“督办任务”中新建任务，或从模板建立台账：</p>
      <div className="toolbar">
        {first.map((t) => (
          <button key={t.key} onClick={() => void create(t)}>
            ＋ {t.name}
          </button>
        ))}
      </div>
      <p className="muted small">其他模板（问题线索、顽瘴痼疾整治、党建工作等）在左侧“＋ 新建台账”中。</p>
    </div>
  );
}
