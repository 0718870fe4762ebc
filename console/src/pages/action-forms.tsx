/**
 * One form per case action, validated in the browser by the API's own zod schemas (ActionBodies)
 * before sending; the API validates again and its problem+json detail is shown as it is.
 */
import { useState } from 'preact/hooks';
import { ActionBodies } from '../../../api/schemas.js';
import type { CaseAction } from '../../../domain/case/commands.js';
import { CLOCKS, PRIORITIES, REMEDIES } from '../../../domain/case/contract.js';
import { api, ApiError, type CaseView } from '../api.js';
import { useI18n, type Key } from '../i18n.js';

type Kind = 'text' | 'textarea' | 'select' | 'checkbox' | 'number' | 'datetime';
interface Field {
  name: string;
  label: Key | string;
  kind: Kind;
  options?: string[];
}

export const ACTION_FIELDS: Record<CaseAction, Field[]> = {
  accept: [{ name: 'assignee', label: 'assignee', kind: 'text' }],
  assign: [{ name: 'assignee', label: 'assignee', kind: 'text' }],
  reject: [{ name: 'reason', label: 'reason', kind: 'textarea' }],
  findings: [
    { name: 'summary', label: 'findings', kind: 'textarea' },
    { name: 'rootCause', label: 'rootCause', kind: 'text' },
    { name: 'onSite', label: 'onSite', kind: 'checkbox' },
  ],
  'wait-for-customer': [{ name: 'question', label: 'question', kind: 'textarea' }],
  'customer-reply': [{ name: 'message', label: 'message', kind: 'textarea' }],
  resolution: [
    { name: 'summary', label: 'proposal', kind: 'textarea' },
    { name: 'remedy', label: 'remedy', kind: 'select', options: [...REMEDIES] },
    { name: 'amount', label: 'amount', kind: 'number' },
  ],
  approval: [
    { name: 'decision', label: 'decision', kind: 'select', options: ['approve', 'reject'] },
    { name: 'comment', label: 'comment', kind: 'textarea' },
  ],
  callback: [
    { name: 'reached', label: 'reached', kind: 'checkbox' },
    { name: 'solved', label: 'solved', kind: 'checkbox' },
    { name: 'notes', label: 'notes', kind: 'textarea' },
  ],
  rating: [
    { name: 'score', label: 'score', kind: 'select', options: ['5', '4', '3', '2', '1'] },
    { name: 'comment', label: 'comment', kind: 'textarea' },
  ],
  escalate: [{ name: 'reason', label: 'reason', kind: 'textarea' }],
  notes: [
    { name: 'text', label: 'note', kind: 'textarea' },
    { name: 'visibility', label: 'visibility', kind: 'select', options: ['internal', 'public'] },
  ],
  withdraw: [{ name: 'reason', label: 'reason', kind: 'textarea' }],
  extend: [
    { name: 'clock', label: 'clock', kind: 'select', options: [...CLOCKS] },
    { name: 'by', label: 'extendBy', kind: 'text' },
    { name: 'until', label: 'extendUntil', kind: 'datetime' },
    { name: 'reason', label: 'reasonCustomer', kind: 'textarea' },
  ],
  priority: [
    { name: 'priority', label: 'priority', kind: 'select', options: [...PRIORITIES] },
    { name: 'reason', label: 'reason', kind: 'textarea' },
  ],
  transfer: [
    { name: 'team', label: 'department', kind: 'text' },
    { name: 'reason', label: 'reason', kind: 'textarea' },
    { name: 'findingsWithin', label: 'findingsWithin', kind: 'text' },
  ],
  'refuse-transfer': [{ name: 'reason', label: 'reason', kind: 'textarea' }],
};

/** Form values → the request body: empty optional fields left out, numbers and booleans typed. */
function toBody(fields: Field[], values: Record<string, string | boolean>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of fields) {
    const v = values[f.name];
    if (f.kind === 'checkbox') body[f.name] = v === true;
    else if (typeof v !== 'string' || v.trim() === '') continue;
    else if (f.kind === 'number' || f.name === 'score') body[f.name] = Number(v);
    else if (f.kind === 'datetime') body[f.name] = new Date(v).toISOString();
    else body[f.name] = v;
  }
  return body;
}

const initial = (fields: Field[]) =>
  Object.fromEntries(
    fields.map((f) => [f.name, f.kind === 'checkbox' ? false : f.kind === 'select' ? f.options![0]! : '']),
  );

export function ActionForm({
  action,
  caseView,
  onDone,
}: {
  action: CaseAction;
  caseView: CaseView;
  onDone: (c: CaseView) => void;
}) {
  const { t, v, lang } = useI18n();
  const fields = ACTION_FIELDS[action];
  const [values, setValues] = useState<Record<string, string | boolean>>(() => initial(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const label = (f: Field) =>
    f.label in LABELS ? t(f.label as Key) : (LABEL_TEXT[f.label]?.[lang] ?? f.label);
  const optionText = (f: Field, o: string) =>
    /^\d$/.test(o) ? o : f.name === 'decision' || f.name === 'visibility' ? t(o as Key) : v(o);
  const idOf = (f: Field) => `${action}-${f.name}`;

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = toBody(fields, values);
    const parsed = (
      ActionBodies[action] as {
        safeParse: (b: unknown) => {
          success: boolean;
          error?: { issues: { path: PropertyKey[]; message: string }[] };
        };
      }
    ).safeParse(body);
    if (!parsed.success) {
      const errs: Record<string, string> = {};
      for (const i of parsed.error!.issues) errs[String(i.path[0] ?? fields[0]!.name)] = i.message;
      setErrors(errs);
      return;
    }
    setErrors({});
    setProblem(undefined);
    setBusy(true);
    try {
      const c = await api<CaseView>('POST', `/v1/cases/${caseView.id}/${action}`, body);
      setValues(initial(fields));
      onDone(c);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.problem.detail : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      class="action"
      data-action={action}
      onSubmit={submit}
      aria-labelledby={`${action}-title`}
      noValidate
    >
      <h3 id={`${action}-title`}>{v(action)}</h3>
      {fields.map((f) => (
        <div class={`field ${f.kind}`} key={f.name}>
          {f.kind === 'checkbox' ? (
            <label>
              <input
                type="checkbox"
                id={idOf(f)}
                name={f.name}
                checked={values[f.name] === true}
                onChange={(e) => setValues({ ...values, [f.name]: e.currentTarget.checked })}
              />{' '}
              {label(f)}
            </label>
          ) : (
            <>
              <label for={idOf(f)}>{label(f)}</label>
              {f.kind === 'textarea' ? (
                <textarea
                  id={idOf(f)}
                  name={f.name}
                  rows={2}
                  value={values[f.name] as string}
                  aria-invalid={errors[f.name] ? true : undefined}
                  aria-describedby={errors[f.name] ? `${idOf(f)}-error` : undefined}
                  onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                />
              ) : f.kind === 'select' ? (
                <select
                  id={idOf(f)}
                  name={f.name}
                  value={values[f.name] as string}
                  onChange={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                >
                  {f.options!.map((o) => (
                    <option value={o} key={o}>
                      {optionText(f, o)}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id={idOf(f)}
                  name={f.name}
                  // Preact's types narrow `type` per literal; the three kinds share these attributes.
                  type={
                    (f.kind === 'number'
                      ? 'number'
                      : f.kind === 'datetime'
                        ? 'datetime-local'
                        : 'text') as 'text'
                  }
                  step={f.kind === 'number' ? 'any' : undefined}
                  value={values[f.name] as string}
                  aria-invalid={errors[f.name] ? true : undefined}
                  aria-describedby={errors[f.name] ? `${idOf(f)}-error` : undefined}
                  onInput={(e) => setValues({ ...values, [f.name]: e.currentTarget.value })}
                />
              )}
            </>
          )}
          {errors[f.name] && (
            <p class="error" id={`${idOf(f)}-error`}>
              {errors[f.name]}
            </p>
          )}
        </div>
      ))}
      {problem && (
        <p role="alert" class="error problem">
          {problem}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {v(action)}
      </button>
    </form>
  );
}

/** Labels of fields that are not in the main dictionary. */
const LABELS: Record<string, true> = {
  assignee: true,
  reason: true,
  findings: true,
  proposal: true,
  remedy: true,
  amount: true,
  comment: true,
  priority: true,
  clock: true,
  reasonCustomer: true,
};
const LABEL_TEXT: Record<string, { en: string; zh: string }> = {
  rootCause: { en: 'Root cause', zh: '根本原因' },
  onSite: { en: 'On site', zh: '现场处理' },
  question: { en: 'Question to the customer', zh: '向客户提出的问题' },
  message: { en: "Customer's reply", zh: '客户答复' },
  decision: { en: 'Decision', zh: '决定' },
  reached: { en: 'Customer reached', zh: '已联系到客户' },
  solved: { en: 'Problem solved', zh: '问题已解决' },
  notes: { en: 'Notes', zh: '备注' },
  score: { en: 'Score', zh: '评分' },
  note: { en: 'Note', zh: '备注' },
  visibility: { en: 'Visibility', zh: '可见范围' },
  extendBy: { en: 'Extend by (ISO duration, e.g. PT4H)', zh: '延长时长（ISO 时长，如 PT4H）' },
  extendUntil: { en: 'or until', zh: '或延长至' },
};
