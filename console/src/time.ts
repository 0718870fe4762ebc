/** Times in the viewer's zone, a calendar's zone where a deadline is counted, and countdowns. */
import { useEffect, useState } from 'preact/hooks';
import type { CaseView } from './api.js';

export function formatTime(iso: string, locale: string, timeZone?: string): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName: spell the fields out.
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone, timeZoneName: 'short' } : {}),
  }).format(new Date(iso));
}

export function formatDuration(ms: number): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hms = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}

/** One ticking clock for the whole page: every countdown re-renders on the same second. */
const listeners = new Set<(n: number) => void>();
let timer: ReturnType<typeof setInterval> | undefined;
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    listeners.add(setNow);
    timer ??= setInterval(() => {
      const n = Date.now();
      for (const l of listeners) l(n);
    }, 1000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return now;
}

export type Urgency = 'ok' | 'warning' | 'breached' | 'none';

export interface Countdown {
  clock: string;
  due: string;
  warnAt?: string;
  /** The workflow's warning for this clock has fired (it then leaves the thresholds). */
  warned?: boolean;
}

/**
 * The deadline a case's countdown shows: its next breach (or rating expiry) among the thresholds
 * the workflow's timer fires at, with that clock's warning moment.
 */
export function nextCountdown(c: CaseView): Countdown | undefined {
  const th = c.sla?.thresholds;
  if (th) {
    const due = th.find((t) => t.kind !== 'warning');
    if (!due) return undefined;
    const warn = th.find((t) => t.kind === 'warning' && t.clock === due.clock);
    return { clock: due.clock, due: due.at, warnAt: warn?.at, warned: c.sla?.warned?.includes(due.clock) };
  }
  const d = c.deadlines;
  const pairs = (
    [
      ['respond', d.respondBy],
      ['resolve', d.resolveBy],
      ['callback', d.callbackBy],
      ['rate', d.rateBy],
    ] as const
  ).filter((p): p is readonly [(typeof p)[0], string] => !!p[1]);
  pairs.sort((a, b) => a[1].localeCompare(b[1]));
  return pairs[0] ? { clock: pairs[0][0], due: pairs[0][1] } : undefined;
}

/** Warning from the moment the workflow warns; breached from the moment its breach timer fires. */
export function urgency(cd: Countdown | undefined, now: number, breached = false): Urgency {
  if (breached) return 'breached';
  if (!cd) return 'none';
  if (now >= Date.parse(cd.due)) return 'breached';
  if (cd.warned || (cd.warnAt && now >= Date.parse(cd.warnAt))) return 'warning';
  return 'ok';
}
