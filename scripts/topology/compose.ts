/**
 * docker-compose.yml read the way `docker compose` reads it (YAML with anchors and merge keys,
 * `${VAR}` interpolation from the environment), so the native topology runs each service with the
 * compose file's own environment, commands and mounted files from deploy/: the two cannot drift.
 * Only what the native topology needs is modelled: environment, entrypoint and command, bind
 * mounts, published ports and replicas.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface ComposeService {
  name: string;
  environment: Record<string, string>;
  /** entrypoint + command, as the container would run them. */
  argv: string[];
  /** Bind mounts: container path → host path (absolute). */
  mounts: { target: string; source: string }[];
  /** Published ports: host port → container port. */
  ports: { host: number; container: number }[];
  replicas: number;
}

/**
 * `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?message}`, `${VAR?message}`, `$VAR` and
 * `$$`, as compose interpolates them. A required variable that is unset is an error naming it.
 */
export function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name?: string, op?: string, arg?: string, bare?: string) => {
      if (match === '$$') return '$';
      if (bare) return env[bare] ?? '';
      const value = env[name!];
      const unset = op?.startsWith(':') ? !value : value === undefined;
      if (!op || !unset) return value ?? '';
      if (op.endsWith('-')) return arg ?? '';
      throw new Error(`docker-compose.yml requires ${name}: ${arg || 'set it'}`);
    },
  );
}

function asEnv(raw: unknown): Record<string, string> {
  if (!raw) return {};
  if (Array.isArray(raw)) {
    return Object.fromEntries(
      raw.map((entry: string) => {
        const cut = entry.indexOf('=');
        return cut < 0 ? [entry, ''] : [entry.slice(0, cut), entry.slice(cut + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(raw as Record<string, unknown>).map(([k, v]) => [k, v == null ? '' : String(v)]),
  );
}

const asList = (raw: unknown): string[] =>
  raw == null ? [] : Array.isArray(raw) ? raw.map(String) : String(raw).split(/\s+/).filter(Boolean);

/** `host:container` or `ip:host:container`, either side a single port or an equal-length range. */
function parsePorts(raw: unknown): { host: number; container: number }[] {
  return asList(raw).flatMap((spec) => {
    const parts = spec.split('/')[0]!.split(':');
    const [hostSpec, containerSpec] = parts.slice(-2) as [string, string];
    const range = (s: string) => s.split('-').map(Number);
    const hosts = range(hostSpec);
    const [c0, c1 = c0] = range(containerSpec);
    const [h0, h1 = h0] = hosts;
    return Array.from({ length: h1! - h0! + 1 }, (_, i) => ({
      host: h0! + i,
      container: c1 === c0 ? c0! : c0! + i,
    }));
  });
}

export function loadCompose(file: string, env: Record<string, string | undefined>): ComposeService[] {
  const dir = path.dirname(path.resolve(file));
  const doc = interpolateTree(parse(readFileSync(file, 'utf8'), { merge: true }), env) as {
    services: Record<string, Record<string, any>>;
  };
  return Object.entries(doc.services).map(([name, s]) => ({
    name,
    environment: asEnv(s.environment),
    argv: [...asList(s.entrypoint), ...asList(s.command)],
    mounts: asList(s.volumes)
      .map((v) => v.split(':'))
      .filter(([source]) => source!.startsWith('.') || source!.startsWith('/'))
      .map(([source, target]) => ({ source: path.resolve(dir, source!), target: target! })),
    ports: parsePorts(s.ports),
    replicas: Number(s.deploy?.replicas ?? 1),
  }));
}

/** Every string value of the parsed file interpolated (keys are not, as in compose). */
function interpolateTree(node: unknown, env: Record<string, string | undefined>): unknown {
  if (typeof node === 'string') return interpolate(node, env);
  if (Array.isArray(node)) return node.map((n) => interpolateTree(n, env));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolateTree(v, env)]));
  }
  return node;
}

export function service(services: ComposeService[], name: string): ComposeService {
  const s = services.find((x) => x.name === name);
  if (!s) throw new Error(`docker-compose.yml has no service '${name}'`);
  return s;
}

/** A container path under one of the service's bind mounts, as the host path it comes from. */
export function hostPath(s: ComposeService, containerPath: string): string | undefined {
  const m = s.mounts
    .filter((x) => containerPath === x.target || containerPath.startsWith(`${x.target}/`))
    .sort((a, b) => b.target.length - a.target.length)[0];
  return m ? path.join(m.source, containerPath.slice(m.target.length)) : undefined;
}
