/** A case's live countdown to its next deadline, coloured at the workflow's own thresholds. */
import type { CaseView } from '../api.js';
import { useI18n } from '../i18n.js';
import { formatDuration, nextCountdown, urgency, useNow, type Countdown as Cd } from '../time.js';

export function Countdown({ c, cd }: { c?: CaseView; cd?: Cd }) {
  const now = useNow();
  const { t, v } = useI18n();
  const target = cd ?? (c ? nextCountdown(c) : undefined);
  const breachedCase = !cd && !!c && c.breaches.length > 0 && !target;
  const u = urgency(target, now, breachedCase);
  if (!target) {
    return <span class={`countdown ${u}`}>{breachedCase ? t('breachedAt') : '—'}</span>;
  }
  const left = Date.parse(target.due) - now;
  return (
    <span class={`countdown ${u}`} data-urgency={u} title={target.due}>
      {!cd && <span class="clock">{v(target.clock)} </span>}
      {left >= 0 ? formatDuration(left) : t('overdue', { d: formatDuration(left) })}
    </span>
  );
}
