import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The service graph as the sources declare it: each service names what it calls in one
 * `uses(strapi, [...])` at the top of its factory. Read from the text, so the test needs no Strapi.
 */
const SERVER = path.join(__dirname, '../../server');
const SERVICES = path.join(SERVER, 'services');

const read = (file: string) => readFileSync(file, 'utf8');
const quoted = (list: string) => [...list.matchAll(/'([^']+)'/g)].map((match) => match[1]);

/** Service name → its file, from the one list in `services/index.ts`. */
function registeredServices(): Map<string, string> {
  const index = read(path.join(SERVICES, 'index.ts'));
  const fileOf = new Map([...index.matchAll(/^import (\w+) from '\.\/([\w-]+)';$/gm)].map((m) => [m[1], m[2]]));
  const body = index.slice(index.indexOf('export default {'));
  const entries = [...body.matchAll(/^\s+(?:'([\w-]+)'|(\w+))(?::\s*(\w+))?,$/gm)];
  return new Map(
    entries.map(([, quotedName, bareName, identifier]) => {
      const name = quotedName ?? bareName;
      return [name, path.join(SERVICES, `${fileOf.get(identifier ?? name)}.ts`)];
    }),
  );
}

/** The names in each `uses(strapi, [...])` of a source. */
const declaredUses = (source: string) =>
  [...source.matchAll(/\buses\(\s*strapi,\s*\[([^\]]*)\]/g)].map((match) => quoted(match[1]));

/** The names in each `service(strapi, '…')` call of a source. */
const serviceCalls = (source: string) => [...source.matchAll(/\bservice\(\s*strapi,\s*'([^']+)'/g)].map((m) => m[1]);

/** One cycle of the graph as `a → b → a`, or null when it has none. */
function findCycle(graph: Map<string, string[]>): string | null {
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (node: string): string | null => {
    const at = onPath.indexOf(node);
    if (at >= 0) return [...onPath.slice(at), node].join(' → ');
    if (done.has(node)) return null;
    onPath.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    onPath.pop();
    done.add(node);
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

/** The relative modules under `server/` a source imports as values (type-only imports run nothing). */
function valueImports(file: string): string[] {
  const imports = [...read(file).matchAll(/^import (?!type )[^;]*? from '(\.[^']+)';$/gms)].map((m) => m[1]);
  return imports
    .map((specifier) => path.resolve(path.dirname(file), specifier))
    .flatMap((base) => [`${base}.ts`, path.join(base, 'index.ts')].filter(existsSync).slice(0, 1))
    .filter((resolved) => resolved.startsWith(SERVER));
}

const services = registeredServices();
const graph = new Map([...services].map(([name, file]) => [name, declaredUses(read(file)).flat()]));

describe('service graph', () => {
  it('lists every service file once in services/index.ts', () => {
    expect(services.size).toBeGreaterThan(20);
    for (const file of services.values()) expect(existsSync(file)).toBe(true);
    expect(new Set(services.values()).size).toBe(services.size);
  });

  it('each service names its dependencies in one uses() list, of real services, not itself', () => {
    const problems = [...services].flatMap(([name, file]) => {
      const lists = declaredUses(read(file));
      const dependencies = lists.flat();
      return [
        ...(lists.length > 1 ? [`${name}: ${lists.length} uses() lists`] : []),
        ...dependencies.filter((d) => !services.has(d)).map((d) => `${name}: '${d}' is no service`),
        ...(dependencies.includes(name) ? [`${name}: uses itself`] : []),
        ...(new Set(dependencies).size < dependencies.length ? [`${name}: names a service twice`] : []),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('a service calls only the services it declares', () => {
    const undeclared = [...services].flatMap(([name, file]) =>
      serviceCalls(read(file))
        .filter((called) => !graph.get(name)!.includes(called))
        .map((called) => `${name} → ${called}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('the modules services import call no service behind the graph’s back', () => {
    const serviceFiles = new Set(services.values());
    const seen = new Set<string>();
    const pending = [...serviceFiles].flatMap(valueImports);
    const hidden: string[] = [];
    while (pending.length) {
      const file = pending.pop()!;
      if (seen.has(file) || serviceFiles.has(file) || file === path.join(SERVICES, 'registry.ts')) continue;
      seen.add(file);
      if (serviceCalls(read(file)).length) hidden.push(path.relative(SERVER, file));
      pending.push(...valueImports(file));
    }
    expect(seen.size).toBeGreaterThan(10);
    expect(hidden).toEqual([]);
  });

  it('has no cycle', () => {
    const cycle = findCycle(graph);
    if (cycle) throw new Error(`the service graph has a cycle: ${cycle}`);
  });

  it('finds a cycle when there is one, and names it', () => {
    const withCycle = new Map([
      ['contacts', ['escalations']],
      ['escalations', ['conversations', 'journey']],
      ['conversations', ['journey', 'contacts']],
      ['journey', []],
    ]);
    expect(findCycle(withCycle)).toBe('contacts → escalations → conversations → contacts');
    expect(findCycle(new Map([...withCycle, ['conversations', ['journey']]]))).toBeNull();
  });
});
