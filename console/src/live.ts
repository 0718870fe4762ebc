/**
 * Live updates: one EventSource per page on /v1/case-changes (server-sent events fed by
 * PostgreSQL NOTIFY). A change calls `onChange` (debounced); a resync or reconnect reloads too.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export function useCaseChanges(follow: string | null, onChange: (id: string | null) => void): boolean {
  const [connected, setConnected] = useState(false);
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (!follow) return;
    const source = new EventSource(`/v1/case-changes?cases=${encodeURIComponent(follow)}`);
    let pending: ReturnType<typeof setTimeout> | undefined;
    const changed = (id: string | null) => {
      clearTimeout(pending);
      pending = setTimeout(() => callback.current(id), 150);
    };
    source.addEventListener('case', (e) =>
      changed((JSON.parse((e as MessageEvent).data) as { id: string }).id),
    );
    source.addEventListener('resync', () => {
      setConnected(true);
      changed(null);
    });
    source.onerror = () => setConnected(false);
    return () => {
      clearTimeout(pending);
      source.close();
    };
  }, [follow]);
  return connected;
}
