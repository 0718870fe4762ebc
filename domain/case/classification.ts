/**
 * Intake classification (分类/优先级, classification and priority): priority from the kind, the customer's importance
 * and signs of urgency; the three-level response from the priority and the kind of problem.
 */
import { Converter } from 'opencc-js/t2cn';
import type { CaseType, CustomerTier, Level, Priority } from './contract.js';
import type { Classification } from './types.js';

/**
 * Traditional script (Taiwan and Hong Kong forms included) to simplified, so one list of signs
 * reads both: 「車間發生火災」 is 「车间发生火灾」. Pure table lookups, no I/O; only the API
 * classifies (the workflow never imports this module).
 */
const fromTaiwan = Converter({ from: 'tw', to: 'cn' });
const fromHongKong = Converter({ from: 'hk', to: 'cn' });
/** Han ideographs (with the compatibility block): text without any has nothing to convert. */
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
export const toSimplified = (text: string): string =>
  HAN.test(text) ? fromHongKong(fromTaiwan(text)) : text;

export interface IntakeFacts {
  type: CaseType;
  tier: CustomerTier;
  subject: string;
  description: string;
  priority?: Priority;
}

/** Safety comes first in every manual: these make a case urgent and a level-3 matter. */
const SAFETY = [
  /safety/i,
  /injur/i,
  /\bfire\b/i,
  /smoke/i,
  /explos/i,
  /leak/i,
  /安全/,
  /受伤/,
  /火灾/,
  /冒烟/,
  /泄漏/,
  /爆炸/,
];
/** Loss of service or production: urgent, handled by specialists. */
const STOPPAGE = [
  /outage/i,
  /\bdown\b/i,
  /production (stop|halt)/i,
  /line (stop|halt)/i,
  /not working at all/i,
  /停产/,
  /停机/,
  /断网/,
  /中断/,
  /瘫痪/,
];

const BASE_PRIORITY: Record<CaseType, Priority> = {
  inquiry: 'low',
  complaint: 'normal',
  fault_report: 'normal',
  service_request: 'normal',
  technical_support: 'normal',
};

const ORDER: Priority[] = ['low', 'normal', 'high', 'urgent'];
const raise = (p: Priority): Priority => ORDER[Math.min(ORDER.indexOf(p) + 1, ORDER.length - 1)]!;

export function classify(f: IntakeFacts): Classification {
  const text = toSimplified(`${f.subject}\n${f.description}`);
  const safety = SAFETY.some((re) => re.test(text));
  const stoppage = STOPPAGE.some((re) => re.test(text));
  const reasons: string[] = [];

  let priority: Priority;
  if (f.priority) {
    priority = f.priority;
    reasons.push(`priority ${priority} given at intake`);
  } else if (safety || stoppage) {
    priority = 'urgent';
    reasons.push(safety ? 'safety-related request' : 'service or production stopped');
  } else {
    priority = BASE_PRIORITY[f.type];
    reasons.push(`${f.type} starts at ${priority}`);
    if (f.tier === 'premium') {
      priority = raise(priority);
      reasons.push('premium customer: one step up');
    }
  }

  let level: Level = 1;
  if (safety) {
    level = 3;
    reasons.push('safety: level 3, expert team and management');
  } else if (priority === 'urgent' || (priority === 'high' && isTechnical(f.type))) {
    level = 2;
    reasons.push('complex or urgent technical problem: level 2, support engineers');
  }
  return { priority, level, reasons };
}

const isTechnical = (t: CaseType): boolean => t === 'fault_report' || t === 'technical_support';
