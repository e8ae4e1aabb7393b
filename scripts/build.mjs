// Builds the plugin's bundles with esbuild. `node scripts/build.mjs [name...]` builds only the named entries.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { buildWordVectors } from './build-word-vectors.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

// Every package the plugin declares stays a runtime `require`: the host site installs it once.
const declaredPackages = [
  ...Object.keys(pkg.dependencies ?? {}),
  ...Object.keys(pkg.peerDependencies ?? {}),
  ...Object.keys(pkg.devDependencies ?? {}),
].flatMap((name) => [name, `${name}/*`]);

// The admin shares these with the Strapi admin app; a second copy would break React contexts.
// react-intl is not a declared dependency, but the admin provides it and a bundled copy would lose its context.
const adminSingletons = [
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'react-router-dom',
  'styled-components',
  'react-intl',
  '@strapi/*',
];

// The client and the widget import constants and types from plugin/; its zod schemas are the server's
// business. Bundled zod would weigh ~60 kB gzip, so browser bundles get a stand-in that refuses to parse.
const withoutZod = {
  name: 'without-zod',
  setup(build) {
    build.onResolve({ filter: /^zod$/ }, () => ({ path: 'zod', namespace: 'without-zod' }));
    build.onLoad({ filter: /.*/, namespace: 'without-zod' }, () => ({
      loader: 'js',
      contents: `const refuse = () => { throw new Error('zod schemas are not bundled into the livechat client'); };
        const schema = new Proxy(function () {}, { get: (_, key) => (key === 'parse' || key === 'safeParse' ? refuse : schema), apply: () => schema });
        export const z = schema;`,
    }));
  },
};

/**
 * Declarations of an npm entry (and the plugin contracts it names): `tsc -p <tsconfig>` writes them under
 * `<dir>/types`, and `<dir>/index.d.ts` re-exports the entry's module.
 */
const emitTypes = (tsconfig, dir, entryModule) => () => {
  rmSync(path.join(root, dir, 'types'), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(path.join(root, dir, 'index.d.ts'), `export * from './types/${entryModule}';\n`);
  console.log(`  ${`${dir}/index.d.ts`.padEnd(28)} types`);
};

const WIDGET_BUDGET_GZIP = 37 * 1024;

/** One entry per bundle; add the client SDK and the widget here. */
const entries = [
  {
    name: 'server',
    source: 'server/index.ts',
    outputs: [{ file: 'dist/server/index.js', format: 'cjs' }],
    options: { platform: 'node', target: 'node20', external: declaredPackages },
    // The embedded answerer's word vectors, derived from the wink package (skipped when up to date).
    after: buildWordVectors,
  },
  {
    name: 'admin',
    source: 'admin/src/index.tsx',
    outputs: [
      { file: 'dist/admin/index.mjs', format: 'esm' },
      { file: 'dist/admin/index.js', format: 'cjs' },
    ],
    options: { platform: 'browser', target: 'es2020', jsx: 'automatic', external: adminSingletons },
  },
  {
    // The headless client for npm: browsers and Node; socket.io-client is a dependency the site installs.
    name: 'client',
    source: 'widget/client/index.ts',
    outputs: [
      { file: 'dist/client/index.mjs', format: 'esm' },
      { file: 'dist/client/index.js', format: 'cjs' },
    ],
    options: { platform: 'neutral', target: 'es2020', external: ['socket.io-client'], plugins: [withoutZod] },
    after: emitTypes('widget/client/tsconfig.json', 'dist/client', 'widget/client/index'),
  },
  {
    // The drop-in widget: one self-contained script (Preact and socket.io-client inside), served by the plugin.
    name: 'widget',
    source: 'widget/ui/index.tsx',
    outputs: [
      // The plugin serves widget.js alone: an external map (no sourceMappingURL comment) stays in dist for debugging.
      { file: 'dist/widget/widget.js', format: 'iife', budgetGzip: WIDGET_BUDGET_GZIP, sourcemap: 'external' },
      { file: 'dist/widget/index.mjs', format: 'esm' },
    ],
    options: { platform: 'browser', target: 'es2019', minify: true, jsx: 'automatic', plugins: [withoutZod] },
    // `import { mountLivechatWidget } from 'strapi-plugin-livechat/widget'` gets its types from here.
    after: emitTypes('widget/ui/tsconfig.json', 'dist/widget', 'widget/ui/index'),
  },
];

const formatSize = (bytes) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} kB`);

async function buildEntry(entry) {
  const source = path.join(root, entry.source);
  if (!existsSync(source)) {
    console.warn(`! ${entry.name}: ${entry.source} does not exist yet, skipped`);
    return false;
  }
  for (const output of entry.outputs) {
    const outfile = path.join(root, output.file);
    rmSync(outfile, { force: true });
    rmSync(`${outfile}.map`, { force: true });
    await build({
      entryPoints: [source],
      outfile,
      bundle: true,
      format: output.format,
      sourcemap: output.sourcemap ?? true,
      logLevel: 'warning',
      loader: { '.json': 'json' },
      ...entry.options,
    });
    const size = formatSize(statSync(outfile).size);
    if (!output.budgetGzip) {
      console.log(`  ${output.file.padEnd(28)} ${size}`);
      continue;
    }
    const gzip = gzipSync(readFileSync(outfile), { level: 9 }).length;
    console.log(
      `  ${output.file.padEnd(28)} ${size}, ${formatSize(gzip)} gzip (budget ${formatSize(output.budgetGzip)})`,
    );
    if (gzip > output.budgetGzip) throw new Error(`${output.file} is ${formatSize(gzip)} gzip, over its budget`);
  }
  await entry.after?.();
  return true;
}

const requested = process.argv.slice(2);
const unknown = requested.filter((name) => !entries.some((entry) => entry.name === name));
if (unknown.length > 0) {
  console.error(`Unknown entries: ${unknown.join(', ')} (known: ${entries.map((entry) => entry.name).join(', ')})`);
  process.exit(1);
}

const selected = requested.length > 0 ? entries.filter((entry) => requested.includes(entry.name)) : entries;
const started = Date.now();
try {
  let built = 0;
  for (const entry of selected) {
    if (await buildEntry(entry)) built += 1;
  }
  console.log(`Built ${built} of ${selected.length} entries in ${Date.now() - started} ms`);
} catch (error) {
  // esbuild has already printed the located errors.
  console.error(`Build failed: ${error.message.split('\n')[0]}`);
  process.exit(1);
}
