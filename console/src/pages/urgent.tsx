/** The mark an urgent case carries in every queue: a word, not a colour alone, so every reader sees it. */
import { useI18n } from '../i18n.js';

export function UrgentMark({ priority }: { priority: string }) {
  const { t } = useI18n();
  if (priority !== 'urgent') return null;
  return (
    <span class="urgent-mark" title={t('urgentHelp')} data-urgent="true">
      {t('urgentMark')}
    </span>
  );
}
